package io.vertxcenter.cli;

import io.vertxcenter.bench.BenchReport;
import io.vertxcenter.bench.ClusterBench;
import io.vertxcenter.bench.LocalBench;
import io.vertxcenter.bench.ParallelCeiling;
import io.vertxcenter.bench.ProgressBar;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.BridgeLink;
import io.vertxcenter.worker.BenchMode;
import io.vertxcenter.worker.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code center bench}: the original's concurrency experiment on the JVM and across the cluster.
 * Sequential, Event-Loop, Threads and Workers run in this CLI's JVM; Cluster runs on the worker
 * JVMs, coordinated by one of them and reached through the CLI bridge ({@link ClusterBench}).
 * Every mode is warmed up first, then the modes run interleaved for {@code --rounds} rounds (each
 * round in a rotated order, followed by a {@link ParallelCeiling} measurement), so that no mode
 * gets the cold JIT or a quiet moment of the machine to itself.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time the CPU-bound task (count from n down to -n, for n = 0..TOTAL-1) in every mode:",
        "Sequential, Event-Loop, Threads and Workers in this JVM, and Cluster on every worker JVM of the cluster",
        "(shown when a cluster is reachable). Every mode is warmed up, then the modes run interleaved for --rounds",
        "rounds; each shows its median time, the spread (min-max) and its speed-up over Sequential's median CPU time",
        "(its time on a core of its own, which other load cannot stretch), beside this machine's measured parallel",
        "ceiling. A speed-up that cannot be true is flagged, not shown.",
        "Every run's checksum is checked; exit status 1 if one is wrong."})
public class BenchCommand implements Callable<Integer> {
  /** Tasks of each mode's warm-up run: enough for the JIT to compile the countdown and the dispatch. */
  static final long WARM_UP_TASKS = 20_000;

  @Mixin
  ClusterTarget target;

  @Option(names = "--total", paramLabel = "N", defaultValue = "20000", converter = WholeNumber.BenchTotal.class,
      description = "Number of tasks, inputs 0..N-1 (default ${DEFAULT-VALUE}, as in the original; 130000 takes ~5 s sequentially).")
  long total;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", converter = WholeNumber.BenchRounds.class,
      description = "Timed rounds of every mode, interleaved (default ${DEFAULT-VALUE}); the figures are their medians.")
  int rounds;

  @Option(names = "--modes", paramLabel = "MODE[,MODE…]", converter = Choices.Modes.class,
      description = "Modes to run, in this order: sequential, event-loop, threads, workers, cluster (default: all; "
          + "cluster is skipped when no cluster is reachable, unless named here).")
  Choices.ModeList modes;

  @Option(names = "--json", description = "Print JSON: {\"total\", \"rounds\", \"modes\": [{mode, seconds (median), min, max, runs, "
      + "speedup, flagged, bound, checksumOk, chunks, instances, nodes, retries, coreSeconds}], \"ceiling\": {threads, speedup, min, max}, \"skipped\", "
      + "\"restarts\": [a line per Cluster run started again on another worker node, its coordinator lost]}.")
  boolean json;

  /** Worker nodes lost as coordinators during this bench: none of its later runs is started there. */
  private final Set<String> lostCoordinators = new LinkedHashSet<>();

  @Override
  public Integer call() {
    boolean clusterNamed = modes != null && modes.modes().contains(BenchMode.CLUSTER);
    List<BenchMode> selected = new ArrayList<>(modes == null ? Arrays.asList(BenchMode.values()) : modes.modes());
    selected.sort(null); // the order they are printed in
    BenchReport report = new BenchReport(total, rounds);
    int cores = Runtime.getRuntime().availableProcessors();
    try (ProgressBar bar = ProgressBar.onTerminal(); LocalBench local = new LocalBench();
        BridgeLink link = new BridgeLink(target.bridges(), target.token())) {
      long warmUp = Math.min(total, WARM_UP_TASKS);
      for (BenchMode mode : List.copyOf(selected)) {
        if (mode != BenchMode.CLUSTER) {
          local.run(mode, warmUp, bar, mode.label() + " warm-up");
        } else {
          try {
            runOnCluster(link, warmUp, bar, "Cluster warm-up", report);
          } catch (CliException e) {
            if (clusterNamed) {
              throw e;
            }
            report.skip(mode, e.getMessage());
            selected.remove(mode);
          }
        }
      }
      ParallelCeiling.measure(cores, Math.min(ParallelCeiling.DEFAULT_TASKS, warmUp));
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < selected.size(); i++) {
          BenchMode mode = selected.get((i + round) % selected.size());
          String label = mode.label() + " " + (round + 1) + "/" + rounds;
          report.add(mode == BenchMode.CLUSTER ? runOnCluster(link, total, bar, label, report) : local.run(mode, total, bar, label));
        }
        report.addCeiling(ParallelCeiling.measure(cores, ParallelCeiling.DEFAULT_TASKS));
      }
    }
    if (json) {
      System.out.println(report.toJson().encodePrettily());
    } else {
      report.print(System.out);
    }
    return report.allChecksumsOk() ? 0 : CliException.FAILED;
  }

  /**
   * One Cluster run, coordinated by a worker node; when its coordinator is lost (killed, frozen for
   * {@link ClusterBench#COORDINATOR_SILENCE}) the run starts again on another worker node, said in one
   * line (on stderr at once, and in the report), and the lost node coordinates no later run of this bench.
   */
  private RunResult runOnCluster(BridgeLink link, long tasks, ProgressBar bar, String label, BenchReport report) {
    while (true) {
      AtomicLong done = new AtomicLong();
      try {
        ClusterBench.Started run = ClusterBench.start(link, tasks, lostCoordinators);
        report.clusterOnThisMachine(run.onThisMachine());
        bar.show(label, done::get, tasks);
        return ClusterBench.await(link, run, progress -> done.set(progress.getLong("tasksDone")));
      } catch (ClusterBench.CoordinatorLost lost) {
        bar.stop();
        lostCoordinators.add(lost.coordinator());
        String line = "Cluster: " + lost.getMessage() + "; started the run again on another worker node";
        System.err.println(line);
        report.restarted(line);
      } finally {
        bar.stop();
      }
    }
  }
}
