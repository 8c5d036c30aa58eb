package io.vertxcenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.worker.BenchMode;
import io.vertxcenter.worker.CountdownTask;
import io.vertxcenter.worker.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bench's statistics over rounds and its refusal to print a speed-up that cannot be true. */
class BenchReportTest {
  private static final long TOTAL = 1000;

  private static RunResult run(BenchMode mode, double seconds, int instances) {
    return new RunResult(mode, TOTAL, seconds, TOTAL, CountdownTask.expectedChecksum(TOTAL), 8, instances, 1, 0, null);
  }

  @Test
  @DisplayName("median of an odd and an even number of rounds, and the spread min-max")
  void timings() {
    Timings odd = new Timings();
    List.of(3.0, 1.0, 2.0).forEach(odd::add);
    assertEquals(2.0, odd.median());
    assertEquals(1.0, odd.min());
    assertEquals(3.0, odd.max());
    assertEquals(List.of(3.0, 1.0, 2.0), odd.all());
    Timings even = new Timings();
    List.of(4.0, 1.0, 2.0, 10.0).forEach(even::add);
    assertEquals(3.0, even.median());
    assertEquals(10.0, even.max());
  }

  @Test
  @DisplayName("a speed-up is bounded by the threads the mode used and, on this machine, by the measured ceiling")
  void bounds() {
    assertEquals(1.0, SpeedupCheck.bound(1, Optional.of(1.7)));
    assertEquals(1.7, SpeedupCheck.bound(2, Optional.of(1.7)));
    assertEquals(2.0, SpeedupCheck.bound(2, Optional.empty()));
    assertEquals(4.0, SpeedupCheck.bound(4, Optional.empty()));
    assertEquals(1.0, SpeedupCheck.bound(2, Optional.of(0.8)));

    assertTrue(SpeedupCheck.flag(1.10, 1.0, 1).isEmpty(), "within 10% of the bound: noise");
    assertEquals("1.43x measured on 1 thread, where at most 1.00x is possible (+10% for noise)",
        SpeedupCheck.flag(1.43, 1.0, 1).orElseThrow());
    assertTrue(SpeedupCheck.flag(1.80, 1.7, 2).isEmpty());
    assertTrue(SpeedupCheck.flag(2.40, 1.7, 2).isPresent());
  }

  @Test
  @DisplayName("the issue's run (Event-Loop 1.43x, Threads 2.39x on 2 vCPUs) is flagged, never printed as a result; "
      + "plausible figures are printed from the medians; the bound is the best ceiling measured")
  void flaggedFiguresAreNotResults() {
    BenchReport report = new BenchReport(TOTAL, 3);
    for (double sequential : new double[] {11.4, 11.0, 11.8}) {
      report.add(run(BenchMode.SEQUENTIAL, sequential, 1));
    }
    for (double eventLoop : new double[] {7.9, 8.0, 7.7}) {
      report.add(run(BenchMode.EVENT_LOOP, eventLoop, 1));
    }
    for (double threads : new double[] {4.77, 4.7, 4.9}) {
      report.add(run(BenchMode.THREADS, threads, 2));
    }
    for (double workers : new double[] {7.0, 6.9, 7.2}) {
      report.add(run(BenchMode.WORKERS, workers, 2));
    }
    report.addCeiling(new ParallelCeiling.Measurement(2, 1.0, 1.25));
    report.addCeiling(new ParallelCeiling.Measurement(2, 1.0, 1.20));
    report.addCeiling(new ParallelCeiling.Measurement(2, 1.0, 1.10));

    String text = print(report);
    assertTrue(text.contains("3 rounds after a warm-up, the modes interleaved"), text);
    assertTrue(text.contains("Sequential:  11.400 s (11.000-11.800)    1.00x  checksum ok  1 thread"), text);
    assertTrue(text.contains("Event-Loop:   7.900 s (7.700-8.000)  FLAGGED  checksum ok"), text);
    assertTrue(text.contains("Threads:      4.770 s (4.700-4.900)  FLAGGED  checksum ok  2 threads"), text);
    assertTrue(text.contains("Workers:      7.000 s (6.900-7.200)    1.63x  checksum ok  2 worker verticles"), text);
    assertTrue(text.contains("Parallel ceiling of this machine: 1.67x (1.60-1.82) with 2 threads"), text);
    assertTrue(text.contains("  Event-Loop: 1.44x measured on 1 thread, where at most 1.00x is possible"), text);
    assertTrue(text.contains("  Threads: 2.39x measured on 2 threads, where at most 1.82x is possible"), text);
    assertFalse(text.lines().anyMatch(line -> line.matches("(Event-Loop|Threads):.*\\d\\.\\d\\dx.*")),
        "no flagged speed-up on a result line:\n" + text);

    JsonObject json = report.toJson();
    assertEquals(3, json.getInteger("rounds"));
    JsonObject eventLoop = json.getJsonArray("modes").getJsonObject(1);
    assertEquals("Event-Loop", eventLoop.getString("mode"));
    assertNull(eventLoop.getValue("speedup"), eventLoop.encode());
    assertTrue(eventLoop.getString("flagged").startsWith("1.44x measured on 1 thread"), eventLoop.encode());
    assertEquals(7.9, eventLoop.getDouble("seconds"));
    assertEquals(7.7, eventLoop.getDouble("min"));
    assertEquals(8.0, eventLoop.getDouble("max"));
    JsonObject workers = json.getJsonArray("modes").getJsonObject(3);
    assertEquals(11.4 / 7.0, workers.getDouble("speedup"), 1e-9);
    assertFalse(workers.containsKey("flagged"));
    assertEquals(1.0 / 1.2 * 2, json.getJsonObject("ceiling").getDouble("speedup"), 1e-9);
  }

  @Test
  @DisplayName("speed-ups divide Sequential's CPU time, not its wall time: the issue's run (Sequential 7.37 s on a busy machine, "
      + "Threads 3.37 s) no longer reads 2.19x on 2 cores")
  void baselineIsSequentialCpuTime() {
    BenchReport report = new BenchReport(TOTAL, 1);
    report.add(new RunResult(BenchMode.SEQUENTIAL, TOTAL, 7.37, TOTAL, CountdownTask.expectedChecksum(TOTAL), 1, 1, 1, 0, 5.9));
    report.add(run(BenchMode.THREADS, 3.37, 2));
    report.addCeiling(new ParallelCeiling.Measurement(2, 1.0, 1.05));

    JsonObject json = report.toJson();
    JsonObject sequential = json.getJsonArray("modes").getJsonObject(0);
    assertEquals(1.0, sequential.getDouble("speedup"), "the baseline itself");
    assertEquals(5.9, sequential.getDouble("coreSeconds"));
    assertEquals(5.9 / 3.37, json.getJsonArray("modes").getJsonObject(1).getDouble("speedup"), 1e-9);
    String text = print(report);
    assertTrue(text.contains("Sequential:   7.370 s (7.370-7.370)    1.00x  checksum ok  1 thread, 5.900 s of CPU"), text);
    assertTrue(text.contains("Threads:      3.370 s (3.370-3.370)    1.75x  checksum ok  2 threads"), text);
    assertTrue(text.contains("Other load on this machine gave Sequential 0.80 of a core (5.900 s of CPU in 7.370 s): "
        + "the other modes shared their cores likewise, so their speed-ups here are below what an idle machine gives"), text);
  }

  @Test
  @DisplayName("a remote Cluster is bounded by its instances, not by this machine's ceiling; a wrong checksum shows no time")
  void clusterBoundAndFailures() {
    BenchReport report = new BenchReport(TOTAL, 1);
    report.add(run(BenchMode.SEQUENTIAL, 4.0, 1));
    report.add(new RunResult(BenchMode.CLUSTER, TOTAL, 1.2, TOTAL, CountdownTask.expectedChecksum(TOTAL), 64, 4, 2, 0, null));
    report.add(new RunResult(BenchMode.THREADS, TOTAL, 1.0, TOTAL - 1, 7, 8, 2, 1, 0, null));
    report.addCeiling(new ParallelCeiling.Measurement(2, 1.0, 1.25));
    report.clusterOnThisMachine(false);
    assertEquals(4.0 / 1.2, report.toJson().getJsonArray("modes").getJsonObject(1).getDouble("speedup"), 1e-9);
    report.clusterOnThisMachine(true);
    assertNull(report.toJson().getJsonArray("modes").getJsonObject(1).getValue("speedup"));

    assertFalse(report.allChecksumsOk());
    JsonObject threads = report.toJson().getJsonArray("modes").getJsonObject(2);
    assertNull(threads.getValue("seconds"));
    assertFalse(threads.getBoolean("checksumOk"));
    assertTrue(print(report).contains("Threads:    FAILED: checksum 7, expected 999000 (999 of 1,000 tasks answered)"));
  }

  private static String print(BenchReport report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
