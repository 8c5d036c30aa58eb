package io.vertxcenter.local;

import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Settings;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.worker.WorkerRoleVerticle;

/** The ranges of {@code center up}'s numbers; the worker and client ranges are their roles'. */
public final class UpLimits {
  /** Worker verticle instances per worker JVM; 0 means one per core. */
  static final Settings.Range WORKERS = new Settings.Range(0, WorkerRoleVerticle.MAX_INSTANCES);
  /** Worker JVMs on this machine: each is a node of ~200 MB. */
  public static final Settings.Range WORKER_NODES = new Settings.Range(0, 16);

  private UpLimits() {}

  /** Checks each flag; one out of range is a usage error naming the flag and its range. */
  static void check(int workers, int workerNodes, int clientRate) {
    try {
      WORKERS.wholeNumber("--workers", workers);
      WORKER_NODES.wholeNumber("--worker-nodes", workerNodes);
      LoadPlan.RANGES.get("rate").wholeNumber("--client-rate", clientRate);
    } catch (Failure.CommandException e) {
      throw new CliException(CliException.USAGE, e.getMessage());
    }
  }
}
