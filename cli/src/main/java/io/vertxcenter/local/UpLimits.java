package io.vertxcenter.local;

import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Settings;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.server.ServerParams;
import io.vertxcenter.worker.WorkerRoleVerticle;

/** The ranges of {@code center up}'s numbers; the worker and client ranges are their roles'. */
public final class UpLimits {
  /** Worker verticle instances per worker JVM; 0 means one per core. */
  static final Settings.Range WORKERS = new Settings.Range(0, WorkerRoleVerticle.MAX_INSTANCES);
  /** Worker JVMs on this machine: each is a node of ~200 MB. */
  public static final Settings.Range WORKER_NODES = new Settings.Range(0, 16);

  private UpLimits() {}

  /** The nodes other than the worker nodes: server, monitor, client. */
  static final int FIXED_NODES = 3;

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

  /**
   * Checks the ports: every node takes one from {@code --bridge-port}, {@code --http-port} (unless 0)
   * and {@code --cluster-port} on, so each range must hold them all below 65536; the ack port is not
   * the server's port ({@link ServerParams#checkPorts}).
   *
   * @throws CliException (usage) naming the flag and the highest port that leaves room
   */
  static void checkPorts(int workerNodes, int bridgePort, int httpPort, int clusterPortFrom, int serverPort, int ackPort) {
    int nodes = FIXED_NODES + workerNodes;
    room("--bridge-port", "bridges", bridgePort, nodes);
    if (httpPort != 0) {
      room("--http-port", "HTTP ports", httpPort, nodes);
    }
    room("--cluster-port", "cluster ports", clusterPortFrom, nodes);
    try {
      ServerParams.checkPorts(serverPort, ackPort, "--server-port", "--ack-port");
    } catch (Failure.CommandException e) {
      throw new CliException(CliException.USAGE, e.getMessage());
    }
  }

  /** Throws when the {@code nodes} ports from {@code first} on do not fit below 65536. */
  private static void room(String flag, String what, int first, int nodes) {
    int last = (int) Settings.Range.PORT.max();
    if (first + nodes - 1 > last) {
      throw new CliException(CliException.USAGE, flag + " " + first + " leaves room for " + (last - first + 1) + " of the " + nodes
          + " nodes' " + what + ": choose a port at most " + (last - nodes + 1));
    }
  }
}
