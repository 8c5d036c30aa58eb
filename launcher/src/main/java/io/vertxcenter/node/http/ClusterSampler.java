package io.vertxcenter.node.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Once a second, asks the cluster for its nodes and every node's roles for their status (the same
 * commands as {@code cluster status} and {@code <role> status}), adds the cluster-wide figures and
 * the lines per second of the last {@link #HISTORY_SECONDS} seconds, and publishes that snapshot on
 * the node-local address {@link #snapshots(String)} for the console's pages. It samples only while
 * a page watches and for {@link #HISTORY_SECONDS} after the last one left (so a page opened again
 * soon finds its chart), and costs the cluster nothing on a node nobody looks at: its timer runs
 * only then, so such a node does not wake for it.
 */
final class ClusterSampler extends VerticleBase {
  static final int HISTORY_SECONDS = 300;
  private static final long PERIOD_MS = 1_000;

  private final String nodeId;
  private final Deque<double[]> history = new ArrayDeque<>();
  private volatile JsonObject latest = new JsonObject();
  private long lastReceived = -1;
  private long lastDelivered = -1;
  private long lastAt;
  private boolean sampling;
  /** The sampling timer while a page watches or watched lately; -1 otherwise. */
  private long ticker = -1;
  private final AtomicInteger watchers = new AtomicInteger();
  private volatile long lastWatchedAt;

  ClusterSampler(String nodeId) {
    this.nodeId = nodeId;
  }

  /** Where a node's sampler publishes its snapshots; local to the node, not reachable through any bridge. */
  static String snapshots(String nodeId) {
    return Addresses.PREFIX + "internal." + nodeId + ".console";
  }

  /** A page started watching: sample from now on, starting afresh at once if nobody watched lately. */
  void watched() {
    boolean idle = !recentlyWatched();
    watchers.incrementAndGet();
    context.runOnContext(v -> {
      if (idle) {
        history.clear();
        lastReceived = -1;
        lastDelivered = -1;
        sample();
      }
      if (ticker < 0) {
        ticker = vertx.setPeriodic(PERIOD_MS, id -> tick());
      }
    });
  }

  /** A page stopped watching. */
  void unwatched() {
    watchers.decrementAndGet();
    lastWatchedAt = System.currentTimeMillis();
  }

  private boolean recentlyWatched() {
    return watchers.get() > 0 || System.currentTimeMillis() - lastWatchedAt < HISTORY_SECONDS * 1_000L;
  }

  /** The latest snapshot, empty before the first one. */
  JsonObject latest() {
    return latest;
  }

  /** Once a second while a page watches or watched lately; then the timer stops until the next page. */
  private void tick() {
    if (recentlyWatched()) {
      sample();
    } else {
      vertx.cancelTimer(ticker);
      ticker = -1;
    }
  }

  /** One sample at a time: a slow cluster skips a beat rather than piling requests up. */
  private void sample() {
    if (sampling) {
      return;
    }
    sampling = true;
    RoleStatus.ask(vertx, Addresses.CLUSTER)
        .compose(cluster -> {
          List<Future<JsonObject>> nodes = new ArrayList<>();
          for (Object entry : cluster.getJsonArray("nodes", new JsonArray())) {
            nodes.add(withStatuses((JsonObject) entry));
          }
          return Future.all(nodes).map(all -> publish(cluster.getString("cluster"), all.list()));
        })
        .onComplete(done -> sampling = false);
  }

  /**
   * The node's registry entry with {@code status: {role label: status JSON, or {error}}}; a role
   * this node does not know (a newer node's) gets an error, and the rest of the sample stands.
   */
  private Future<JsonObject> withStatuses(JsonObject node) {
    JsonObject statuses = new JsonObject();
    List<Future<?>> answers = new ArrayList<>();
    for (Object label : node.getJsonArray("roles", new JsonArray())) {
      Optional<Role> known = Role.find(String.valueOf(label));
      if (known.isEmpty()) {
        statuses.put(String.valueOf(label), new JsonObject().put("error", "a role this node does not know: a newer version's?"));
        continue;
      }
      Role role = known.get();
      answers.add(RoleStatus.ask(vertx, node.getString("id"), role)
          .onSuccess(status -> statuses.put(role.label(), status))
          .onFailure(error -> statuses.put(role.label(), new JsonObject().put("error", error.getMessage()))));
    }
    return Future.join(answers).otherwiseEmpty().map(v -> node.copy().put("status", statuses));
  }

  private JsonObject publish(String cluster, List<JsonObject> nodes) {
    JsonObject totals = totals(nodes);
    long now = System.currentTimeMillis();
    long received = totals.getLong("received");
    long delivered = totals.getLong("delivered");
    double seconds = (now - lastAt) / 1000.0;
    double receivedPerSec = lastReceived < 0 ? 0 : Math.max(0, received - lastReceived) / seconds;
    double deliveredPerSec = lastDelivered < 0 ? 0 : Math.max(0, delivered - lastDelivered) / seconds;
    lastReceived = received;
    lastDelivered = delivered;
    lastAt = now;
    history.addLast(new double[] {now / 1000.0, receivedPerSec, deliveredPerSec});
    if (history.size() > HISTORY_SECONDS) {
      history.removeFirst();
    }
    totals.put("receivedPerSec", Math.round(receivedPerSec)).put("deliveredPerSec", Math.round(deliveredPerSec));
    latest = new JsonObject().put("node", nodeId).put("cluster", cluster).put("at", now)
        .put("nodes", new JsonArray(nodes)).put("totals", totals).put("history", historyJson());
    vertx.eventBus().publish(snapshots(nodeId), latest);
    return latest;
  }

  /** Sums over the servers and monitors; the worst monitor's latency. */
  private static JsonObject totals(List<JsonObject> nodes) {
    long received = 0;
    long delivered = 0;
    long held = 0;
    long invalidJson = 0;
    long duplicates = 0;
    boolean paused = false;
    Double p50 = null;
    Double p99 = null;
    for (JsonObject node : nodes) {
      JsonObject status = node.getJsonObject("status");
      JsonObject server = status.getJsonObject(Role.SERVER.label());
      if (server != null && !server.containsKey("error")) {
        received += server.getLong("received", 0L);
        held += server.getLong("pending", 0L);
        paused |= server.getBoolean("paused", false);
      }
      JsonObject monitor = status.getJsonObject(Role.MONITOR.label());
      if (monitor != null && !monitor.containsKey("error")) {
        delivered += monitor.getLong("messages", 0L);
        invalidJson += monitor.getLong("invalidJson", 0L);
        duplicates += monitor.getLong("duplicates", 0L);
        p50 = max(p50, monitor.getDouble("latencyP50Ms"));
        p99 = max(p99, monitor.getDouble("latencyP99Ms"));
      }
    }
    return new JsonObject().put("received", received).put("delivered", delivered).put("held", held).put("paused", paused)
        .put("invalidJson", invalidJson).put("duplicates", duplicates).put("latencyP50Ms", p50).put("latencyP99Ms", p99);
  }

  private static Double max(Double a, Double b) {
    return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
  }

  /** {@code {t: [epoch seconds], received: [lines/s], delivered: [lines/s]}}, oldest first. */
  private JsonObject historyJson() {
    JsonArray t = new JsonArray();
    JsonArray received = new JsonArray();
    JsonArray delivered = new JsonArray();
    for (double[] point : history) {
      t.add(point[0]);
      received.add(Math.round(point[1]));
      delivered.add(Math.round(point[2]));
    }
    return new JsonObject().put("t", t).put("received", received).put("delivered", delivered);
  }
}
