package io.vertxcenter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code center bench} as a user runs it, against worker JVMs started from the built jar. */
class BenchClusterIT {
  private static final Duration BENCH_TIMEOUT = Duration.ofSeconds(180);

  private static NodeProcess.Result bench(String... args) {
    List<String> command = new ArrayList<>(List.of("bench"));
    command.addAll(List.of(args));
    return NodeProcess.run(command, BENCH_TIMEOUT);
  }

  @Test
  @DisplayName("Cluster mode spreads the run over two worker JVMs and checks the checksum, beside the local modes")
  void clusterAcrossTwoWorkerJvms() {
    try (WorkerCluster cluster = new WorkerCluster().start(2, 1)) {
      NodeProcess.Result result = bench("--total", "20000", "--json", "--cluster", cluster.bridge(0));
      assertEquals(0, result.exitCode(), result.output());
      JsonObject json = result.json();
      assertEquals(20_000, json.getLong("total"));
      List<JsonObject> modes = json.getJsonArray("modes").stream().map(JsonObject.class::cast).toList();
      assertEquals(List.of("Sequential", "Event-Loop", "Threads", "Workers", "Cluster"),
          modes.stream().map(mode -> mode.getString("mode")).toList());
      for (JsonObject mode : modes) {
        assertTrue(mode.getBoolean("checksumOk"), mode.encode());
        assertTrue(mode.getDouble("seconds") > 0, mode.encode());
        assertTrue(mode.getDouble("speedup") > 0, mode.encode());
      }
      assertEquals(1.0, modes.get(0).getDouble("speedup"));
      JsonObject clusterMode = modes.get(4);
      assertEquals(2, clusterMode.getInteger("nodes"), clusterMode.encode());
      assertEquals(2, clusterMode.getInteger("instances"), clusterMode.encode());
      assertEquals(64, clusterMode.getInteger("chunks"), clusterMode.encode());

      NodeProcess.Result text = bench("--total", "2000", "--modes", "sequential,cluster", "--cluster", cluster.bridge(1));
      assertEquals(0, text.exitCode(), text.output());
      assertTrue(text.output().lines().anyMatch(line -> line.matches("Sequential: +\\d+\\.\\d{3} s +1\\.00x +checksum ok.*")), text.output());
      assertTrue(text.output().lines().anyMatch(line -> line.matches("Cluster: +\\d+\\.\\d{3} s +\\d+\\.\\d{2}x +checksum ok +2 nodes, 2 instances, 64 chunks, 0 retries")),
          text.output());
    }
  }

  @Test
  @DisplayName("without a cluster the local modes still run and Cluster is skipped, unless asked for; bad options exit 2")
  void noCluster() {
    String nowhere = "127.0.0.1:" + NodeProcess.freePort();
    NodeProcess.Result local = bench("--total", "500", "--json", "--cluster", nowhere);
    assertEquals(0, local.exitCode(), local.output());
    JsonObject json = local.json();
    assertEquals(4, json.getJsonArray("modes").size(), json.encode());
    assertTrue(json.getJsonArray("skipped").getString(0).startsWith("Cluster: skipped (cannot reach the cluster at " + nowhere),
        json.encode());

    NodeProcess.Result cluster = bench("--total", "500", "--modes", "cluster", "--cluster", nowhere);
    assertEquals(3, cluster.exitCode(), cluster.output());
    assertTrue(cluster.output().contains("cannot reach the cluster at " + nowhere), cluster.output());

    NodeProcess.Result badTotal = bench("--total", "0");
    assertEquals(2, badTotal.exitCode(), badTotal.output());
    assertTrue(badTotal.output().contains("invalid value for --total: '0' (expected a whole number from 1 to 2000000)"),
        badTotal.output());

    NodeProcess.Result badMode = bench("--modes", "fibers");
    assertEquals(2, badMode.exitCode(), badMode.output());
    assertTrue(badMode.output().contains("invalid value for --modes: 'fibers' (expected one of sequential, event-loop, threads, workers, cluster)"),
        badMode.output());
  }
}
