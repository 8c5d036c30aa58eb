package io.vertxcenter.bench;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.BridgeLink;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.worker.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The CLI side of the Cluster mode. The CLI reaches the cluster only through a node's TCP bridge,
 * which lets no work through, so a worker node coordinates the run ({@code bench} on that node's
 * worker role, chosen by the CLI from the registry): it answers at once with the run's id, and the
 * CLI then polls it ({@code bench-progress}) until the run is finished. Polling, rather than a
 * stream published to the CLI, cannot lose the result to a subscription that has not reached the
 * coordinator yet.
 *
 * <p>A coordinator that leaves the registry, or answers no poll for {@link #COORDINATOR_SILENCE}
 * (killed, frozen), is given up on: {@link #await} throws {@link CoordinatorLost}, and the caller
 * starts the run again on another worker node (the frozen one abandons its run on its own once it
 * runs again and nobody polls it).
 */
public final class ClusterBench {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  /**
   * How long a coordinator may answer no poll before the run is started again elsewhere: a node that
   * runs answers a poll at once, even with its cores busy counting (its event loop is not a worker
   * thread); a few seconds of GC or of a bridge failing over stay well below it.
   */
  public static final Duration COORDINATOR_SILENCE = Duration.ofSeconds(10);
  /**
   * How long the worker nodes have to take a run, each asked in turn ({@link ClusterConnection#QUERY_TIMEOUT}
   * each): longer than Hazelcast takes to drop a frozen member (30 s), whose partitions can hold up
   * the event bus's look-ups on the live nodes until then.
   */
  static final Duration TAKE_BUDGET = Duration.ofSeconds(60);

  /**
   * A run the coordinator has accepted.
   *
   * @param onThisMachine every worker node's host is a loopback address: they share this machine's cores
   */
  public record Started(String run, String coordinator, int chunks, int workerNodes, int instances, boolean onThisMachine) {}

  /** The coordinator of a run is gone (left the registry, or silent for {@link #COORDINATOR_SILENCE}): the run can go again elsewhere. */
  public static final class CoordinatorLost extends RuntimeException {
    private final String coordinator;

    CoordinatorLost(String coordinator, String why) {
      super("node " + coordinator + ", which coordinated the run, " + why, null, false, false);
      this.coordinator = coordinator;
    }

    /** The node id given up on. */
    public String coordinator() {
      return coordinator;
    }
  }

  private ClusterBench() {}

  /**
   * Starts a run sized for the worker instances the registry lists, coordinated by the first worker
   * node listed that is not in {@code avoid}. A bridge that fails meanwhile is replaced once.
   *
   * @param avoid node ids given up on before (they were lost as coordinators)
   * @throws CliException {@link CliException#UNREACHABLE} when there is no worker node (left) to coordinate, none
   *         takes the run within {@link #TAKE_BUDGET}, or no bridge answers
   */
  public static Started start(BridgeLink link, long total, Set<String> avoid) {
    for (int attempt = 1; ; attempt++) {
      ClusterConnection connection = link.connection();
      try {
        return start(connection, total, avoid);
      } catch (CliException e) {
        if (connection.usable() || attempt == 2) {
          throw e;
        }
      }
    }
  }

  private static Started start(ClusterConnection connection, long total, Set<String> avoid) {
    long deadline = System.nanoTime() + TAKE_BUDGET.toNanos();
    while (true) {
      int workerNodes = 0;
      int instances = 0;
      boolean onThisMachine = true;
      List<String> candidates = new ArrayList<>();
      for (Object listed : connection.clusterStatus().getJsonArray("nodes")) {
        JsonObject node = (JsonObject) listed;
        JsonObject verticles = node.getJsonObject("verticles", new JsonObject());
        if (verticles.containsKey(Role.WORKER.label())) {
          workerNodes++;
          instances += verticles.getInteger(Role.WORKER.label());
          onThisMachine &= isLoopback(node.getString("host", ""));
          if (!avoid.contains(node.getString("id"))) {
            candidates.add(node.getString("id"));
          }
        }
      }
      if (candidates.isEmpty()) {
        throw new CliException(CliException.UNREACHABLE, workerNodes == 0
            ? "no worker node in the cluster: start one with 'center node --roles worker' (or 'center up')"
            : "no worker node left to coordinate the run (given up on " + String.join(", ", avoid) + "): check 'center cluster status'");
      }
      // A node that does not answer in time may be waiting on a frozen member (the event bus looks an
      // address up in a partition that member owns) rather than be lost: each is asked again, with
      // the others, until TAKE_BUDGET; it never coordinated, so nothing starts again.
      String silent = "";
      for (String coordinator : candidates) {
        try {
          JsonObject reply = connection.request(Addresses.nodeRole(coordinator, Role.WORKER), "bench",
              new JsonObject().put("total", total).put("instances", Math.max(1, instances)), ClusterConnection.QUERY_TIMEOUT,
              "left the cluster");
          return new Started(reply.getString("run"), reply.getString("coordinator"), reply.getInteger("chunks"), workerNodes,
              instances, onThisMachine);
        } catch (CliException e) {
          if (e.exitCode() != CliException.UNREACHABLE || !connection.usable()) {
            throw e; // refused, or the bridge failed rather than the node
          }
          silent = coordinator + " (" + e.getMessage() + ")";
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CliException(CliException.UNREACHABLE, "no worker node took the run within " + TAKE_BUDGET.toSeconds()
            + " s; the last asked: " + silent + ": check 'center cluster status'");
      }
    }
  }


  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /**
   * Polls the coordinator through {@code link} (moving to another bridge when its bridge fails),
   * handing each progress report to {@code onProgress}, until the run ends.
   *
   * @throws CoordinatorLost when the coordinator left the registry, or answered no poll for {@link #COORDINATOR_SILENCE}
   * @throws CliException {@link CliException#FAILED} when the run failed on the coordinator
   */
  public static RunResult await(BridgeLink link, Started run, Consumer<JsonObject> onProgress) {
    long lastAnswer = System.nanoTime();
    while (true) {
      JsonObject progress = null;
      try {
        progress = link.connection().request(Addresses.nodeRole(run.coordinator(), Role.WORKER), "bench-progress",
            new JsonObject().put("run", run.run()), ClusterConnection.QUERY_TIMEOUT, "left the cluster");
        lastAnswer = System.nanoTime();
      } catch (CliException e) {
        if (e.exitCode() != CliException.UNREACHABLE) {
          throw e;
        }
        long silentMs = (System.nanoTime() - lastAnswer) / 1_000_000;
        if (silentMs >= COORDINATOR_SILENCE.toMillis()) {
          throw new CoordinatorLost(run.coordinator(), "answered no poll for " + silentMs / 1000 + " s (" + e.getMessage() + ")");
        }
        if (!listed(link, run.coordinator())) {
          throw new CoordinatorLost(run.coordinator(), "left the cluster");
        }
      }
      if (progress != null) {
        onProgress.accept(progress);
        if (progress.getBoolean("finished")) {
          if (progress.containsKey("error")) {
            throw new CliException(CliException.FAILED, "the Cluster run failed: " + progress.getString("error"));
          }
          return RunResult.fromJson(progress.getJsonObject("result"));
        }
      }
      pause();
    }
  }

  /** Whether the registry (as a bridge that answers sees it) still lists {@code node}; true when no bridge can tell. */
  private static boolean listed(BridgeLink link, String node) {
    try {
      return link.connection().clusterStatus().getJsonArray("nodes").stream()
          .anyMatch(entry -> node.equals(((JsonObject) entry).getString("id")));
    } catch (CliException e) {
      return true;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted while waiting for the Cluster run");
    }
  }
}
