package io.vertxcenter.node.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleReplies;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * VertxCenter's own meters, named by Prometheus conventions ({@code vertxcenter_server_lines_received_total},
 * …). They read the roles' {@code status} replies, which {@link #refresh()} fetches over the node-local
 * bus right before each scrape: the roles keep counting as they always do, and the data path gains
 * nothing (the monitor's latency buckets come from the one histogram it records each line in for its
 * percentiles, {@code LatencyHistogram}).
 */
final class RoleMeters {
  private final Vertx vertx;
  private final HttpNode node;
  private final Map<Role, JsonObject> latest = new EnumMap<>(Role.class);

  RoleMeters(Vertx vertx, HttpNode node, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.node = node;
    node.roles().forEach(role -> latest.put(role, new JsonObject()));
    if (node.roles().contains(Role.SERVER)) {
      counter(registry, "vertxcenter.server.lines.received", "Lines the TCP server received", Role.SERVER, "received");
      counter(registry, "vertxcenter.server.lines.acked", "Lines a monitor acknowledged", Role.SERVER, "acked");
      counter(registry, "vertxcenter.server.lines.resent", "Lines sent again after a failed delivery", Role.SERVER, "resent");
      counter(registry, "vertxcenter.server.connections.rejected", "Connections refused over the limit", Role.SERVER, "rejected");
      gauge(registry, "vertxcenter.server.held.lines", "Lines received, not yet acknowledged", Role.SERVER, "pending");
      gauge(registry, "vertxcenter.server.connections", "Open client connections", Role.SERVER, "connections");
      gauge(registry, "vertxcenter.server.paused", "1 while TCP reads are paused for back-pressure", Role.SERVER,
          status -> status.getBoolean("paused", false) ? 1 : 0);
      gauge(registry, "vertxcenter.server.listening", "1 while the TCP server listens", Role.SERVER,
          status -> status.getBoolean("listening", false) ? 1 : 0);
      gauge(registry, "vertxcenter.server.log.bytes", "Bytes the data log's segments hold", Role.SERVER,
          status -> log(status).getLong("bytes", 0L));
      gauge(registry, "vertxcenter.server.oldest.unacked.seconds", "Age of the oldest line no monitor acknowledged yet",
          Role.SERVER, status -> log(status).getLong("oldestUnackedMs", 0L) / 1000.0);
      gauge(registry, "vertxcenter.server.log.fsync.seconds", "The data log's last group-commit force()", Role.SERVER,
          status -> log(status).getLong("lastSyncMicros", 0L) / 1_000_000.0);
      FunctionCounter.builder("vertxcenter.server.log.lines.replayed", latest,
              figures -> log(figures.get(Role.SERVER)).getLong("replayed", 0L))
          .description("Lines delivered again from the data log at a start").register(registry);
    }
    if (node.roles().contains(Role.MONITOR)) {
      counter(registry, "vertxcenter.monitor.messages", "Lines the monitor handled (duplicates excluded)", Role.MONITOR, "messages");
      counter(registry, "vertxcenter.monitor.invalid.json", "JSON lines that did not parse", Role.MONITOR, "invalidJson");
      counter(registry, "vertxcenter.monitor.duplicates", "Lines dropped as already handled", Role.MONITOR, "duplicates");
      registry.getPrometheusRegistry().register(this::latencyHistogram);
    }
    if (node.roles().contains(Role.CLIENT)) {
      counter(registry, "vertxcenter.client.lines.sent", "Lines the load generator sent", Role.CLIENT, "sent");
    }
    if (node.roles().contains(Role.WORKER)) {
      counter(registry, "vertxcenter.worker.tasks", "CPU-bound tasks done", Role.WORKER, "tasksDone");
      gauge(registry, "vertxcenter.worker.instances", "Worker verticle instances", Role.WORKER, "instances");
    }
  }

  /** The server status's {@code log} part, empty when there is none. */
  private static JsonObject log(JsonObject serverStatus) {
    return serverStatus.getJsonObject("log", new JsonObject());
  }

  /** Fetches every role's status; a role that does not answer keeps its last figures. */
  Future<Void> refresh() {
    return RoleReplies.ask(vertx, node.nodeId(), List.copyOf(latest.keySet()), RoleStatus.TIMEOUT_MS)
        .onSuccess(replies -> latest.putAll(replies.replies())).mapEmpty();
  }

  private void counter(PrometheusMeterRegistry registry, String name, String help, Role role, String key) {
    FunctionCounter.builder(name, latest, figures -> figures.get(role).getLong(key, 0L))
        .description(help).register(registry);
  }

  private void gauge(PrometheusMeterRegistry registry, String name, String help, Role role, String key) {
    gauge(registry, name, help, role, status -> status.getLong(key, 0L));
  }

  private void gauge(PrometheusMeterRegistry registry, String name, String help, Role role, ToDoubleFunction<JsonObject> value) {
    Gauge.builder(name, latest, figures -> value.applyAsDouble(figures.get(role))).description(help).register(registry);
  }

  /** {@code vertxcenter_monitor_latency_seconds}: server receipt to monitor, every line since the monitor started. */
  private HistogramSnapshot latencyHistogram() {
    JsonObject buckets = latest.get(Role.MONITOR).getJsonObject("latencyBuckets", new JsonObject());
    JsonArray upper = buckets.getJsonArray("upperSeconds", new JsonArray());
    JsonArray counts = buckets.getJsonArray("counts", new JsonArray());
    double[] bounds = new double[upper.size() + 1];
    long[] perBucket = new long[upper.size() + 1];
    for (int i = 0; i < upper.size(); i++) {
      bounds[i] = upper.getDouble(i);
      perBucket[i] = counts.getLong(i);
    }
    bounds[upper.size()] = Double.POSITIVE_INFINITY;
    perBucket[upper.size()] = counts.size() > upper.size() ? counts.getLong(upper.size()) : 0;
    return HistogramSnapshot.builder()
        .name("vertxcenter_monitor_latency_seconds")
        .help("Latency from server receipt to the monitor")
        .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, perBucket))
            .sum(buckets.getDouble("sumSeconds", 0.0))
            .build())
        .build();
  }
}
