package io.vertxcenter.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.bench.ClusterBench;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.BridgeLink;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.worker.RunResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A worker JVM killed with -9 in the middle of a Cluster run: the run still ends right. */
class BenchWorkerDeathIT {
  /** ~4-6 s of counting here, so the run is far from done when the first results come back. */
  private static final long TOTAL = 150_000;

  @Test
  @DisplayName("the chunks of a worker JVM killed with -9 mid-run are sent again; the checksum is right and the retries reported")
  void workerKilledMidRun() {
    try (TestCluster cluster = new TestCluster()) {
      List<TestCluster.Node> workers = cluster.startNodes(2, Role.WORKER);
      ClusterBench.Started run;
      try (BridgeLink first = workers.get(0).link()) {
        run = ClusterBench.start(first, TOTAL, Set.of());
      }
      assertEquals(2, run.workerNodes());
      // poll through the coordinator's own bridge, and kill the other worker JVM
      int coordinator = -1;
      for (int i = 0; i < 2; i++) {
        try (ClusterConnection connection = workers.get(i).connect()) {
          if (TestCluster.entry(connection.clusterStatus(), cluster.processes().get(i).pid()).getString("id").equals(run.coordinator())) {
            coordinator = i;
          }
        }
      }
      assertTrue(coordinator >= 0, "coordinator " + run.coordinator() + " is one of the two worker JVMs");
      NodeProcess victim = cluster.processes().get(1 - coordinator);
      AtomicBoolean killed = new AtomicBoolean();
      RunResult result;
      try (BridgeLink link = workers.get(coordinator).link()) {
        String victimId = TestCluster.entry(link.connection().clusterStatus(), victim.pid()).getString("id");
        result = ClusterBench.await(link, run, progress -> {
          // kill once the victim has answered a chunk: it is working, with more chunks on the way
          JsonObject byNode = progress.getJsonObject("nodes");
          if (byNode.containsKey(victimId) && !progress.getBoolean("finished") && killed.compareAndSet(false, true)) {
            victim.process().destroyForcibly();
            System.out.println("killed " + victimId + " with -9 at " + progress.encode());
          }
        });
      }
      assertTrue(killed.get(), "the victim was killed before the run finished");
      assertTrue(result.checksumOk(), result.toString());
      assertEquals(TOTAL, result.tasks());
      assertTrue(result.retries() >= 1, "retries reported: " + result);
      assertEquals(2, result.nodes(), "both JVMs ran chunks: " + result);
      System.out.println("run with a killed worker: " + result);
      assertTrue(cluster.processes().get(coordinator).process().isAlive());
    }
  }
}
