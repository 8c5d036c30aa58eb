package io.vertxcenter.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.bench.SpeedupCheck;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
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
  @DisplayName("--rounds 2 over two worker JVMs: every mode's median, spread and speed-up, the parallel ceiling beside them, "
      + "and no flagged speed-up shown as a result")
  void clusterAcrossTwoWorkerJvms() {
    try (TestCluster cluster = new TestCluster()) {
      List<TestCluster.Node> workers = cluster.startNodes(2, Role.WORKER);
      NodeProcess.Result result = bench("--total", "5000", "--rounds", "2", "--json", "--cluster", workers.get(0).bridge());
      assertEquals(0, result.exitCode(), result.output());
      JsonObject json = result.json();
      assertEquals(5_000, json.getLong("total"));
      assertEquals(2, json.getInteger("rounds"));
      List<JsonObject> modes = json.getJsonArray("modes").stream().map(JsonObject.class::cast).toList();
      assertEquals(List.of("Sequential", "Event-Loop", "Threads", "Workers", "Cluster"),
          modes.stream().map(mode -> mode.getString("mode")).toList());
      for (JsonObject mode : modes) {
        assertTrue(mode.getBoolean("checksumOk"), mode.encode());
        assertEquals(2, mode.getJsonArray("runs").size(), mode.encode());
        double median = mode.getDouble("seconds");
        assertTrue(mode.getDouble("min") > 0 && mode.getDouble("min") <= median && median <= mode.getDouble("max"), mode.encode());
        if (mode.containsKey("flagged")) {
          assertNull(mode.getValue("speedup"), "a flagged figure is no result: " + mode.encode());
        } else {
          double speedup = mode.getDouble("speedup");
          assertTrue(speedup > 0 && speedup <= mode.getDouble("bound") * (1 + SpeedupCheck.MARGIN), mode.encode());
        }
      }
      assertEquals(1.0, modes.get(0).getDouble("speedup"));
      double sequentialCpu = modes.get(0).getDouble("coreSeconds");
      assertTrue(sequentialCpu > 0 && sequentialCpu <= modes.get(0).getDouble("max") * 1.01,
          "Sequential's CPU time, the baseline, is no longer than its wall time: " + modes.get(0).encode());
      JsonObject ceiling = json.getJsonObject("ceiling");
      assertEquals(Runtime.getRuntime().availableProcessors(), ceiling.getInteger("threads"), ceiling.encode());
      assertTrue(ceiling.getDouble("speedup") > 0 && ceiling.getDouble("min") <= ceiling.getDouble("speedup"), ceiling.encode());
      JsonObject clusterMode = modes.get(4);
      assertEquals(2, clusterMode.getInteger("nodes"), clusterMode.encode());
      assertEquals(2, clusterMode.getInteger("instances"), clusterMode.encode());
      assertEquals(64, clusterMode.getInteger("chunks"), clusterMode.encode());

      NodeProcess.Result text = bench("--total", "2000", "--rounds", "2", "--modes", "sequential,event-loop,cluster",
          "--cluster", workers.get(1).bridge());
      assertEquals(0, text.exitCode(), text.output());
      List<String> lines = text.output().lines().toList();
      assertTrue(lines.contains("2 rounds after a warm-up, the modes interleaved; time = median (min-max), speed-up = "
          + "Sequential's median CPU time (its time on a core of its own) / the mode's median"), text.output());
      String time = " +\\d+\\.\\d{3} s \\(\\d+\\.\\d{3}-\\d+\\.\\d{3}\\) +";
      String figure = "(\\d+\\.\\d{2}x|FLAGGED)";
      assertTrue(lines.stream().anyMatch(line -> line.matches("Sequential:" + time + "1\\.00x +checksum ok +1 thread, \\d+\\.\\d{3} s of CPU")), text.output());
      assertTrue(lines.stream().anyMatch(line -> line.matches("Event-Loop:" + time + figure + " +checksum ok +1 event loop.*")),
          text.output());
      assertTrue(lines.stream().anyMatch(line -> line.matches("Cluster:" + time + figure
          + " +checksum ok +2 nodes, 2 instances, 64 chunks, 0 retries")), text.output());
      assertTrue(lines.stream().anyMatch(line -> line.matches("Parallel ceiling of this machine: \\d+\\.\\d{2}x \\(.*\\) with \\d+ threads.*")),
          text.output());
      for (String line : lines) {
        if (line.contains("FLAGGED") && !line.startsWith("FLAGGED")) {
          assertFalse(line.matches(".*\\d+\\.\\d{2}x.*"), "a flagged mode's line shows no speed-up: " + line);
          String mode = line.substring(0, line.indexOf(':'));
          assertTrue(lines.stream().anyMatch(explained -> explained.startsWith("  " + mode + ": ")
              && explained.contains("where at most")), "why " + mode + " is flagged:\n" + text.output());
        }
      }
    }
  }

  @Test
  @DisplayName("without a cluster the local modes still run and Cluster is skipped, unless asked for; bad options exit 2")
  void noCluster() {
    String nowhere = "127.0.0.1:" + NodeProcess.freePort();
    NodeProcess.Result local = bench("--total", "500", "--rounds", "1", "--json", "--cluster", nowhere);
    assertEquals(0, local.exitCode(), local.output());
    JsonObject json = local.json();
    assertEquals(4, json.getJsonArray("modes").size(), json.encode());
    assertTrue(json.getJsonArray("skipped").getString(0).startsWith("Cluster: skipped (cannot reach the cluster at " + nowhere),
        json.encode());

    NodeProcess.Result cluster = bench("--total", "500", "--rounds", "1", "--modes", "cluster", "--cluster", nowhere);
    assertEquals(3, cluster.exitCode(), cluster.output());
    assertTrue(cluster.output().contains("cannot reach the cluster at " + nowhere), cluster.output());

    NodeProcess.Result badTotal = bench("--total", "0");
    assertEquals(2, badTotal.exitCode(), badTotal.output());
    assertTrue(badTotal.output().contains("invalid value for --total: '0' (bench total must be a whole number from 1 to 2000000)"),
        badTotal.output());

    NodeProcess.Result badMode = bench("--modes", "fibers");
    assertEquals(2, badMode.exitCode(), badMode.output());
    assertTrue(badMode.output().contains("invalid value for --modes: 'fibers' (expected one or more of sequential, event-loop, threads, workers, cluster, comma-separated)"),
        badMode.output());
  }
}
