package io.vertxcenter.cli;

import io.vertxcenter.bench.BenchReport;
import io.vertxcenter.bench.ClusterBench;
import io.vertxcenter.bench.LocalBench;
import io.vertxcenter.bench.ProgressBar;
import io.vertxcenter.worker.BenchMode;
import io.vertxcenter.worker.RunResult;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code center bench}: the original's concurrency experiment on the JVM and across the cluster.
 * Sequential, Event-Loop, Threads and Workers run in this CLI's JVM; Cluster runs on the worker
 * JVMs, coordinated by one of them and reached through the CLI bridge ({@link ClusterBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time the CPU-bound task (count from n down to -n, for n = 0..TOTAL-1) in every mode:",
        "Sequential, Event-Loop, Threads and Workers in this JVM, and Cluster on every worker JVM of the cluster",
        "(shown when a cluster is reachable). Every run's checksum is checked; exit status 1 if one is wrong."})
public class BenchCommand implements Callable<Integer> {

  @Mixin
  ClusterTarget target;

  @Option(names = "--total", paramLabel = "N", defaultValue = "20000", converter = OptionValues.BenchTotal.class,
      description = "Number of tasks, inputs 0..N-1 (default ${DEFAULT-VALUE}, as in the original; 130000 takes ~5 s sequentially).")
  long total;

  @Option(names = "--modes", paramLabel = "MODE[,MODE…]", split = ",", converter = OptionValues.Mode.class,
      description = "Modes to run, in this order: sequential, event-loop, threads, workers, cluster (default: all; "
          + "cluster is skipped when no cluster is reachable, unless named here).")
  List<BenchMode> modes;

  @Option(names = "--json", description = "Print JSON: {\"total\": N, \"modes\": [{mode, seconds, speedup, checksumOk, chunks, instances, nodes, retries}]}.")
  boolean json;

  @Override
  public Integer call() {
    boolean clusterNamed = modes != null && modes.contains(BenchMode.CLUSTER);
    EnumSet<BenchMode> selected = modes == null ? EnumSet.allOf(BenchMode.class) : EnumSet.copyOf(modes);
    BenchReport report = new BenchReport(total);
    try (ProgressBar bar = ProgressBar.onTerminal(); LocalBench local = new LocalBench()) {
      for (BenchMode mode : selected) {
        if (mode != BenchMode.CLUSTER) {
          report.add(local.run(mode, total, bar));
        } else {
          try {
            report.add(runOnCluster(bar));
          } catch (CliException e) {
            if (clusterNamed) {
              throw e;
            }
            report.skip(mode, e.getMessage());
          }
        }
      }
    }
    if (json) {
      System.out.println(report.toJson().encodePrettily());
    } else {
      report.print(System.out);
    }
    return report.allChecksumsOk() ? 0 : CliException.FAILED;
  }

  private RunResult runOnCluster(ProgressBar bar) {
    try (ClusterConnection connection = target.connect()) {
      ClusterBench.Started run = ClusterBench.start(connection, total);
      AtomicLong done = new AtomicLong();
      bar.show(BenchMode.CLUSTER.label(), done::get, total);
      try {
        return ClusterBench.await(connection, run, progress -> done.set(progress.getLong("tasksDone")));
      } finally {
        bar.stop();
      }
    }
  }
}
