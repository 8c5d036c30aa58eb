package io.vertxcenter.bench;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.worker.RunResult;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The CLI side of the Cluster mode. The CLI reaches the cluster only through a node's TCP bridge,
 * which lets no work through, so a worker node coordinates the run ({@code bench} on
 * {@code center.worker}): it answers at once with the run's id and its own node id, and the CLI
 * then polls that node ({@code bench-progress}) until the run is finished. Polling, rather than a
 * stream published to the CLI, cannot lose the result to a subscription that has not reached the
 * coordinator yet.
 */
public final class ClusterBench {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  /**
   * A run the coordinator has accepted.
   *
   * @param onThisMachine every worker node's host is a loopback address: they share this machine's cores
   */
  public record Started(String run, String coordinator, int chunks, int workerNodes, int instances, boolean onThisMachine) {}

  private ClusterBench() {}

  /** Starts a run sized for the worker instances the registry lists. */
  public static Started start(ClusterConnection connection, long total) {
    int workerNodes = 0;
    int instances = 0;
    boolean onThisMachine = true;
    for (Object node : connection.clusterStatus().getJsonArray("nodes")) {
      JsonObject verticles = ((JsonObject) node).getJsonObject("verticles", new JsonObject());
      if (verticles.containsKey(Role.WORKER.label())) {
        workerNodes++;
        instances += verticles.getInteger(Role.WORKER.label());
        onThisMachine &= isLoopback(((JsonObject) node).getString("host", ""));
      }
    }
    JsonObject reply = connection.request(Addresses.role(Role.WORKER), "bench",
        new JsonObject().put("total", total).put("instances", Math.max(1, instances)),
        "no worker node in the cluster: start one with 'center node --roles worker' (or 'center up')");
    return new Started(reply.getString("run"), reply.getString("coordinator"), reply.getInteger("chunks"), workerNodes, instances,
        onThisMachine);
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /** Polls the coordinator, handing each progress report to {@code onProgress}, until the run ends. */
  public static RunResult await(ClusterConnection connection, Started run, Consumer<JsonObject> onProgress) {
    while (true) {
      JsonObject progress = connection.request(Addresses.nodeRole(run.coordinator(), Role.WORKER), "bench-progress",
          new JsonObject().put("run", run.run()),
          "node " + run.coordinator() + ", which coordinated the run, left the cluster: run the bench again");
      onProgress.accept(progress);
      if (progress.getBoolean("finished")) {
        if (progress.containsKey("error")) {
          throw new CliException(CliException.FAILED, "the Cluster run failed: " + progress.getString("error"));
        }
        return RunResult.fromJson(progress.getJsonObject("result"));
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(CliException.FAILED, "interrupted while waiting for the Cluster run");
      }
    }
  }
}
