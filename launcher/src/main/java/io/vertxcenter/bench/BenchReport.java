package io.vertxcenter.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.worker.BenchMode;
import io.vertxcenter.worker.CountdownTask;
import io.vertxcenter.worker.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The results of one {@code center bench}: a line per mode in the original's format
 * ({@code Sequential: 0.115 s}) with the speed-up over Sequential and the checksum check, then
 * what the figures show; or the same as JSON. A run with a wrong checksum shows no time: a wrong
 * or partial result is an error, never a figure.
 */
public final class BenchReport {
  private final long total;
  private final List<RunResult> results = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  public BenchReport(long total) {
    this.total = total;
  }

  public void add(RunResult result) {
    results.add(result);
  }

  /** A mode that could not run, and why. */
  public void skip(BenchMode mode, String reason) {
    skipped.add(mode.label() + ": skipped (" + reason + ")");
  }

  public boolean allChecksumsOk() {
    return results.stream().allMatch(RunResult::checksumOk);
  }

  private Optional<Double> speedup(RunResult result) {
    return results.stream()
        .filter(other -> other.mode() == BenchMode.SEQUENTIAL && other.checksumOk())
        .findFirst()
        .filter(sequential -> result.checksumOk())
        .map(sequential -> sequential.seconds() / result.seconds());
  }

  public void print(PrintStream out) {
    out.printf("TOTAL = %,d tasks: task(n) counts from n down to -n for n = 0..%,d%n", total, total - 1);
    for (RunResult result : results) {
      String name = result.mode().label() + ":";
      if (!result.checksumOk()) {
        out.printf("%-11s FAILED: checksum %d, expected %d (%,d of %,d tasks answered)%n", name, result.checksum(),
            CountdownTask.expectedChecksum(total), result.tasks(), total);
        continue;
      }
      String speedup = speedup(result).map(x -> String.format("%5.2fx", x)).orElse("     -");
      out.printf("%-11s %7.3f s  %s  checksum ok  %s%n", name, result.seconds(), speedup, details(result));
    }
    skipped.forEach(out::println);
    out.println();
    explain(out);
  }

  private static String details(RunResult result) {
    return switch (result.mode()) {
      case SEQUENTIAL -> "1 thread";
      case EVENT_LOOP -> "1 event loop, one event per task";
      case THREADS -> String.format("%d threads, %d chunks", result.instances(), result.chunks());
      case WORKERS -> String.format("%d worker verticles, %d chunks", result.instances(), result.chunks());
      case CLUSTER -> String.format("%d %s, %d instances, %d chunks, %d %s", result.nodes(),
          result.nodes() == 1 ? "node" : "nodes", result.instances(), result.chunks(), result.retries(),
          result.retries() == 1 ? "retry" : "retries");
    };
  }

  private void explain(PrintStream out) {
    int cores = Runtime.getRuntime().availableProcessors();
    out.println("Sequential and Event-Loop use one core: an event loop interleaves tasks (concurrency, as asyncio");
    out.println("does) but never runs two at once. Threads and Workers use all " + cores + " cores of one JVM: Java threads");
    out.println("run in parallel, where CPython's need processes (the GIL). Cluster spreads chunks over every");
    out.println("worker JVM of the cluster, sent to whichever instance is free. Speed-ups are over Sequential;");
    out.println("each task's every step is kept (a volatile step), so the JIT cannot fold the loop away.");
  }

  /** {@code {"total": N, "modes": [{mode, seconds, speedup, checksumOk, chunks, instances, nodes, retries}], "skipped": [...]}}. */
  public JsonObject toJson() {
    JsonArray modes = new JsonArray();
    for (RunResult result : results) {
      modes.add(new JsonObject()
          .put("mode", result.mode().label())
          .put("seconds", result.checksumOk() ? result.seconds() : null)
          .put("speedup", speedup(result).orElse(null))
          .put("checksumOk", result.checksumOk())
          .put("chunks", result.chunks())
          .put("instances", result.instances())
          .put("nodes", result.nodes())
          .put("retries", result.retries()));
    }
    return new JsonObject().put("total", total).put("modes", modes).put("skipped", new JsonArray(skipped));
  }
}
