package io.vertxcenter.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * Vert.x's own meters (event bus, net and HTTP servers, pools) for a node that serves HTTP: a
 * Prometheus registry the node's Vert.x reports to, which {@code GET /metrics} scrapes.
 */
public final class NodeMetrics {
  private NodeMetrics() {}

  /** A new registry for one node. */
  public static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * {@code builder} with {@code options} (the node's own, which keep everything else they set) and
   * Vert.x reporting to {@code registry}; returns {@code builder}.
   */
  public static VertxBuilder reportTo(VertxBuilder builder, VertxOptions options, PrometheusMeterRegistry registry) {
    return builder.with(options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }
}
