package io.vertxcenter.node.http;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Set;

/**
 * Vert.x's own meters (event bus, net and HTTP servers, pools) for a node that serves HTTP: a
 * Prometheus registry the node's Vert.x reports to, which {@code GET /metrics} scrapes. What a
 * client chooses never makes a new series: the {@code method} label of the HTTP meters is the
 * request's method when it is one of {@link #METHODS}, else {@value #OTHER} (the status
 * {@code code} is the node's choice, and the path is not a label). And what it publishes is true:
 * {@value #ACTIVE_REQUESTS} is left out, as vertx-micrometer-metrics 5.0.7 miscounts it (below
 * zero after event streams close, up for good after a request answered before its body arrived:
 * vert.x#6328, vertx-micrometer-metrics#156); the request and response counts remain.
 */
public final class NodeMetrics {
  /** The methods of RFC 9110 and PATCH: the values the {@code method} label keeps. */
  static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  /** The {@code method} label of a request with any other method. */
  static final String OTHER = "other";
  /** The Vert.x gauge left out of the registry (Micrometer's name; Prometheus: {@code vertx_http_server_active_requests}). */
  static final String ACTIVE_REQUESTS = "vertx.http.server.active.requests";

  private NodeMetrics() {}

  /** A new registry for one node, with the filters above. */
  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config()
        .meterFilter(MeterFilter.denyNameStartsWith(ACTIVE_REQUESTS))
        .meterFilter(MeterFilter.replaceTagValues("method", method -> METHODS.contains(method) ? method : OTHER));
    return registry;
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
