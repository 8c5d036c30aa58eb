package io.vertxcenter.bench;

import io.vertx.core.Vertx;
import io.vertxcenter.worker.BenchMode;
import io.vertxcenter.worker.LocalModes;
import io.vertxcenter.worker.RunProgress;
import io.vertxcenter.worker.RunResult;

/**
 * Runs the modes that need no cluster in the CLI's own JVM, one after the other, on every core of
 * this machine. A Vert.x instance (not clustered) is created only for the modes that use one.
 */
public final class LocalBench implements AutoCloseable {
  private final int cores = Runtime.getRuntime().availableProcessors();
  private Vertx vertx;

  /**
   * Runs {@code mode} over tasks {@code 0..total-1} and returns its result, showing {@code label}
   * and the tasks done on {@code bar} meanwhile.
   */
  public RunResult run(BenchMode mode, long total, ProgressBar bar, String label) {
    RunProgress progress = new RunProgress(total);
    bar.show(label, progress::tasksDone, total);
    try {
      return switch (mode) {
        case SEQUENTIAL -> LocalModes.sequential(total, progress);
        case THREADS -> LocalModes.threads(total, cores, progress);
        case EVENT_LOOP -> LocalModes.eventLoop(vertx(), total, progress).await();
        case WORKERS -> LocalModes.workers(vertx(), total, cores, progress).await();
        case CLUSTER -> throw new IllegalArgumentException("the Cluster mode runs on the worker nodes, not in the CLI");
      };
    } finally {
      bar.stop();
    }
  }

  private Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  @Override
  public void close() {
    if (vertx != null) {
      vertx.close().await();
    }
  }
}
