package io.vertxcenter.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code center bench --modes cluster} while the worker JVM that coordinates its timed run is killed
 * with -9, or frozen 20 s (SIGSTOP, then SIGCONT): the CLI gives that coordinator up, starts the run
 * again on the other worker node, says so, and the run ends with every task counted and its checksum right.
 */
class BenchCoordinatorLossIT {
  /** A few seconds of counting on the two JVMs: long enough to lose the coordinator mid-run. */
  private static final long TOTAL = 100_000;
  private static final Duration BENCH_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration FREEZE = Duration.ofSeconds(20);

  @Test
  @DisplayName("the coordinator killed with -9 mid-run: the bench finishes on the other worker node, checksum right, one restart said")
  void coordinatorKilled() throws InterruptedException {
    loseCoordinator(coordinator -> coordinator.process().destroyForcibly());
  }

  @Test
  @DisplayName("the coordinator frozen 20 s mid-run, then resumed: the bench finishes, checksum right, one restart said")
  void coordinatorFrozen() throws InterruptedException {
    loseCoordinator(coordinator -> coordinator.signal("STOP"));
  }

  private void loseCoordinator(Consumer<NodeProcess> lose) throws InterruptedException {
    try (TestCluster cluster = new TestCluster()) {
      List<TestCluster.Node> workers = cluster.startNodes(2, Role.WORKER);
      NodeProcess cli = NodeProcess.start("bench", List.of("bench", "--total", String.valueOf(TOTAL), "--rounds", "1",
          "--modes", "cluster", "--json", "--cluster", workers.get(0).bridge() + "," + workers.get(1).bridge()));
      NodeProcess coordinator = timedRunCoordinator(cluster);
      String coordinatorId;
      try (ClusterConnection connection = workers.get(cluster.processes().indexOf(coordinator) == 0 ? 1 : 0).connect()) {
        coordinatorId = TestCluster.entry(connection.clusterStatus(), coordinator.pid()).getString("id");
      }
      lose.accept(coordinator);
      System.out.println("lost coordinator " + coordinatorId + " at the start of the timed run");
      try {
        // a frozen coordinator stays frozen for FREEZE (or until the bench ends sooner)
        cli.process().waitFor(FREEZE.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        if (coordinator.process().isAlive()) {
          coordinator.signal("CONT");
        }
      }
      assertTrue(cli.process().waitFor(BENCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "bench did not end:\n" + cli.output());
      NodeProcess.Result result = new NodeProcess.Result(cli.process().exitValue(), cli.output());
      assertEquals(0, result.exitCode(), result.output());
      JsonObject json = result.json();
      JsonObject clusterMode = json.getJsonArray("modes").getJsonObject(0);
      assertEquals("Cluster", clusterMode.getString("mode"), json.encode());
      assertTrue(clusterMode.getBoolean("checksumOk"), json.encode());
      assertEquals(1, clusterMode.getJsonArray("runs").size(), json.encode());
      assertEquals(1, json.getJsonArray("restarts").size(), json.encode());
      String restart = json.getJsonArray("restarts").getString(0);
      assertTrue(restart.startsWith("Cluster: node " + coordinatorId + ", which coordinated the run, ")
          && restart.endsWith("; started the run again on another worker node"), restart);
      assertTrue(result.output().lines().anyMatch(restart::equals), "said at once, as one line:\n" + result.output());
      System.out.println("bench after losing its coordinator: " + restart + "; " + clusterMode.encode());
    }
  }

  /** The worker JVM that logged the start of the timed run ({@code TOTAL} tasks, after the warm-up's fewer). */
  private static NodeProcess timedRunCoordinator(TestCluster cluster) {
    String started = ": " + TOTAL + " tasks in ";
    return Eventually.await("a worker node logging the start of the timed run", () -> cluster.processes().stream()
            .filter(node -> node.output().lines().anyMatch(line -> line.contains("bench run ") && line.contains(started)))
            .findFirst(), Optional::isPresent, BENCH_TIMEOUT).orElseThrow();
  }
}
