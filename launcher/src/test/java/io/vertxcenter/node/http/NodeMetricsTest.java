package io.vertxcenter.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A node's Vert.x reporting to its Prometheus registry: vertx-micrometer registers the
 * {@code vertx.eventbus.handlers} gauge once per handler (one shared counter), which Micrometer
 * warns about at every node start; the node's logging keeps that warning out, and the gauge counts right.
 */
class NodeMetricsTest {
  @Test
  @DisplayName("two event-bus handlers: the handlers gauge shows 2, and Micrometer's re-registration warning is not logged")
  void handlersGaugeWithoutWarning() throws Exception {
    PrometheusMeterRegistry registry = NodeMetrics.registry();
    Vertx vertx = NodeMetrics.reportTo(Vertx.builder(), new VertxOptions(), registry).build();
    try {
      vertx.eventBus().consumer("spec.one", message -> { }).completion().await(20, TimeUnit.SECONDS);
      vertx.eventBus().consumer("spec.two", message -> { }).completion().await(20, TimeUnit.SECONDS);

      assertEquals(2.0, registry.get("vertx.eventbus.handlers").gauge().value());
      assertFalse(LoggerFactory.getLogger("io.micrometer.core.instrument.MeterRegistry").isWarnEnabled(),
          "Micrometer's 'This Gauge has been already registered' warning would show at every node start");
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }
}
