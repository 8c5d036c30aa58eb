package io.vertxcenter.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.worker.BenchMode;
import io.vertxcenter.worker.CountdownTask;
import io.vertxcenter.worker.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one {@code center bench} over its rounds: per mode the median time, the spread
 * (min-max) and the speed-up of the medians over Sequential, with the checksum check; this
 * machine's measured {@link ParallelCeiling} beside them; or the same as JSON. A run with a wrong
 * checksum shows no time (a wrong or partial result is an error, never a figure), and a speed-up
 * that cannot be true ({@link SpeedupCheck}) is flagged instead of shown.
 */
public final class BenchReport {
  private final long total;
  private final int rounds;
  private final Map<BenchMode, ModeRuns> modes = new LinkedHashMap<>();
  private final Timings ceiling = new Timings();
  private int ceilingThreads;
  private boolean clusterOnThisMachine;
  private final List<String> skipped = new ArrayList<>();
  private final List<String> restarts = new ArrayList<>();

  /** The runs of one mode: the times of its correct runs, the last run (for its details), the first wrong one. */
  private static final class ModeRuns {
    final Timings timings = new Timings();
    /** The CPU times of its one-thread runs (Sequential): the baseline of every speed-up. */
    final Timings coreTimings = new Timings();
    RunResult last;
    RunResult failed;
    int retries;
  }

  /** What the report says about one mode, computed once for both the text and the JSON. */
  private record Figures(RunResult last, RunResult failed, Timings timings, Timings coreTimings, int retries, Double speedup,
      Double bound, String flag) {}

  /**
   * @param total  tasks per run
   * @param rounds timed rounds of every mode
   */
  public BenchReport(long total, int rounds) {
    this.total = total;
    this.rounds = rounds;
  }

  /** One timed run of a mode (any round). */
  public void add(RunResult result) {
    ModeRuns runs = modes.computeIfAbsent(result.mode(), mode -> new ModeRuns());
    runs.last = result;
    runs.retries += result.retries();
    if (result.checksumOk()) {
      runs.timings.add(result.seconds());
      if (result.coreSeconds() != null) {
        runs.coreTimings.add(result.coreSeconds());
      }
    } else if (runs.failed == null) {
      runs.failed = result;
    }
  }

  /** One measurement of this machine's parallel ceiling. */
  public void addCeiling(ParallelCeiling.Measurement measurement) {
    ceilingThreads = measurement.threads();
    ceiling.add(measurement.speedup());
  }

  /** Whether every worker node of the Cluster mode runs on this machine, so that its ceiling bounds it too. */
  public void clusterOnThisMachine(boolean onThisMachine) {
    this.clusterOnThisMachine = onThisMachine;
  }

  /** A mode that could not run, and why. */
  public void skip(BenchMode mode, String reason) {
    skipped.add(mode.label() + ": skipped (" + reason + ")");
  }

  /** A Cluster run started again on another worker node, and why: one line, shown with the report. */
  public void restarted(String line) {
    restarts.add(line);
  }

  /** False when any run of any mode had a wrong checksum. */
  public boolean allChecksumsOk() {
    return modes.values().stream().allMatch(runs -> runs.failed == null);
  }

  /**
   * The highest parallel ceiling measured, when there are any: what bounds the parallel modes.
   * Not the median: under other load the ceiling itself varies widely (README, "CPU-bound work"),
   * and a speed-up is flagged only when no ceiling the machine showed can explain it.
   */
  private Optional<Double> bestCeiling() {
    return ceiling.isEmpty() ? Optional.empty() : Optional.of(ceiling.max());
  }

  /**
   * What every speed-up divides: Sequential's median time on a core of its own (its thread's CPU
   * time), not its wall time, which other load on the machine stretches; empty without a correct
   * Sequential run.
   */
  private Optional<Double> baseline() {
    ModeRuns sequential = modes.get(BenchMode.SEQUENTIAL);
    if (sequential == null || sequential.failed != null || sequential.timings.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(sequential.coreTimings.isEmpty() ? sequential.timings.median() : sequential.coreTimings.median());
  }

  private Map<BenchMode, Figures> figures() {
    Optional<Double> baseline = baseline();
    Map<BenchMode, Figures> figures = new LinkedHashMap<>();
    modes.forEach((mode, runs) -> {
      Double speedup = null;
      Double bound = null;
      String flag = null;
      if (runs.failed == null && baseline.isPresent()) {
        int threads = threads(mode, runs.last);
        bound = SpeedupCheck.bound(threads, mode != BenchMode.CLUSTER || clusterOnThisMachine ? bestCeiling() : Optional.empty());
        // Sequential is the baseline itself: 1.00x, however long the machine made it wait for its core
        double measured = mode == BenchMode.SEQUENTIAL ? 1.0 : baseline.get() / runs.timings.median();
        flag = SpeedupCheck.flag(measured, bound, threads).orElse(null);
        speedup = flag == null ? measured : null;
      }
      figures.put(mode, new Figures(runs.last, runs.failed, runs.timings, runs.coreTimings, runs.retries, speedup, bound, flag));
    });
    return figures;
  }

  /** Threads (event loops, instances) that ran a mode: the most it could speed up by. */
  private static int threads(BenchMode mode, RunResult result) {
    return mode == BenchMode.SEQUENTIAL || mode == BenchMode.EVENT_LOOP ? 1 : Math.max(1, result.instances());
  }

  /** The report for people: one line per mode, the ceiling, what was flagged, what the figures show. */
  public void print(PrintStream out) {
    out.printf("TOTAL = %,d tasks: task(n) counts from n down to -n for n = 0..%,d%n", total, total - 1);
    out.printf("%d %s after a warm-up, the modes interleaved; time = median (min-max), speed-up = Sequential's median CPU time "
        + "(its time on a core of its own) / the mode's median%n", rounds, rounds == 1 ? "round" : "rounds");
    Map<BenchMode, Figures> figures = figures();
    List<String> flagged = new ArrayList<>();
    figures.forEach((mode, f) -> {
      String name = mode.label() + ":";
      if (f.failed() != null) {
        out.printf("%-11s FAILED: checksum %d, expected %d (%,d of %,d tasks answered)%n", name, f.failed().checksum(),
            CountdownTask.expectedChecksum(total), f.failed().tasks(), total);
        return;
      }
      String speedup = f.speedup() != null ? String.format("%6.2fx", f.speedup()) : f.flag() != null ? "FLAGGED" : "      -";
      out.printf("%-11s %7.3f s (%.3f-%.3f)  %s  checksum ok  %s%n", name, f.timings().median(), f.timings().min(),
          f.timings().max(), speedup, details(f.last(), f.retries(), f.coreTimings()));
      if (f.flag() != null) {
        flagged.add(mode.label() + ": " + f.flag());
      }
    });
    if (!ceiling.isEmpty()) {
      out.printf("Parallel ceiling of this machine: %.2fx (%.2f-%.2f) with %d threads each running the single-thread job "
          + "at once, vs one thread%n", ceiling.median(), ceiling.min(), ceiling.max(), ceilingThreads);
    }
    if (!flagged.isEmpty()) {
      out.println("FLAGGED, not results (the timing was disturbed, e.g. by other load on the machine; run again):");
      flagged.forEach(line -> out.println("  " + line));
    }
    sequentialShare(figures).ifPresent(out::println);
    skipped.forEach(out::println);
    restarts.forEach(out::println);
    out.println();
    explain(out);
  }

  /** A line saying how little of a core Sequential got, when other load took more than a tenth of it. */
  private static Optional<String> sequentialShare(Map<BenchMode, Figures> figures) {
    Figures sequential = figures.get(BenchMode.SEQUENTIAL);
    if (sequential == null || sequential.coreTimings().isEmpty() || sequential.failed() != null) {
      return Optional.empty();
    }
    double share = sequential.coreTimings().median() / sequential.timings().median();
    return share >= 0.9 ? Optional.empty() : Optional.of(String.format("Other load on this machine gave Sequential %.2f of a core "
        + "(%.3f s of CPU in %.3f s): the other modes shared their cores likewise, so their speed-ups here are below what an idle "
        + "machine gives", share,
        sequential.coreTimings().median(), sequential.timings().median()));
  }

  private static String details(RunResult result, int retries, Timings coreTimings) {
    return switch (result.mode()) {
      case SEQUENTIAL -> coreTimings.isEmpty() ? "1 thread" : String.format("1 thread, %.3f s of CPU", coreTimings.median());
      case EVENT_LOOP -> "1 event loop, one event per task";
      case THREADS -> String.format("%d threads, %d chunks", result.instances(), result.chunks());
      case WORKERS -> String.format("%d worker verticles, %d chunks", result.instances(), result.chunks());
      case CLUSTER -> String.format("%d %s, %d instances, %d chunks, %d %s", result.nodes(),
          result.nodes() == 1 ? "node" : "nodes", result.instances(), result.chunks(), retries,
          retries == 1 ? "retry" : "retries");
    };
  }

  private void explain(PrintStream out) {
    int cores = Runtime.getRuntime().availableProcessors();
    out.println("Sequential and Event-Loop use one core: an event loop interleaves tasks (concurrency, as asyncio");
    out.println("does) but never runs two at once. Threads and Workers use all " + cores + " cores of one JVM: Java threads");
    out.println("run in parallel, where CPython's need processes (the GIL). Cluster spreads chunks over every");
    out.println("worker JVM of the cluster, sent to whichever instance is free. No mode can beat its thread count,");
    out.println("nor, on this machine, the parallel ceiling; each task's every step is kept (a volatile step).");
  }

  /**
   * {@code {"total", "rounds", "modes": [{mode, seconds (median), min, max, runs: [s…], speedup, flagged,
   * bound, checksumOk, chunks, instances, nodes, retries, coreSeconds (Sequential's median CPU time, the baseline)}], "ceiling": {threads, speedup, min, max}, "skipped",
   * "restarts": [one line per Cluster run started again elsewhere]}};
   * {@code seconds} is null for a wrong checksum, {@code speedup} null when flagged (then {@code flagged} says why).
   */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    figures().forEach((mode, f) -> {
      boolean ok = f.failed() == null && !f.timings().isEmpty();
      JsonObject json = new JsonObject()
          .put("mode", mode.label())
          .put("seconds", ok ? f.timings().median() : null)
          .put("min", ok ? f.timings().min() : null)
          .put("max", ok ? f.timings().max() : null)
          .put("runs", new JsonArray(f.timings().all()))
          .put("speedup", f.speedup())
          .put("bound", f.bound())
          .put("checksumOk", f.failed() == null)
          .put("chunks", f.last().chunks())
          .put("instances", f.last().instances())
          .put("nodes", f.last().nodes())
          .put("retries", f.retries())
          .put("coreSeconds", f.coreTimings().isEmpty() ? null : f.coreTimings().median());
      if (f.flag() != null) {
        json.put("flagged", f.flag());
      }
      array.add(json);
    });
    JsonObject ceilingJson = ceiling.isEmpty() ? null : new JsonObject().put("threads", ceilingThreads)
        .put("speedup", ceiling.median()).put("min", ceiling.min()).put("max", ceiling.max());
    return new JsonObject().put("total", total).put("rounds", rounds).put("modes", array).put("ceiling", ceilingJson)
        .put("skipped", new JsonArray(skipped)).put("restarts", new JsonArray(restarts));
  }
}
