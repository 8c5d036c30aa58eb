package io.vertxcenter.local;

import io.vertxcenter.cli.CliException;
import io.vertxcenter.common.ClusterSettings;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of a local cluster, shared by {@code center up} and the supervisor it starts in the
 * background ({@code up -d}), which gets them back through {@link #args()}.
 */
public class LocalClusterOptions {

  @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
      description = "Worker verticle instances per worker JVM; 0 means one per core (default).")
  int workers;

  @Option(names = "--worker-nodes", paramLabel = "K", defaultValue = "1",
      description = "Number of worker JVMs (default ${DEFAULT-VALUE}).")
  int workerNodes;

  @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterSettings.DEFAULT_NAME,
      description = "Cluster name (default ${DEFAULT-VALUE}).")
  String clusterName;

  @Option(names = "--bridge-port", paramLabel = "PORT", defaultValue = "7000",
      description = "CLI bridge port of the first node; the others take the next ports (default ${DEFAULT-VALUE}).")
  int bridgePort;

  @Option(names = "--server-port", paramLabel = "PORT", defaultValue = "5000",
      description = "Port of the TCP server that clients feed (default ${DEFAULT-VALUE}).")
  int serverPort;

  @Option(names = "--client-rate", paramLabel = "LINES/S", defaultValue = "1",
      description = "Lines per second the client node sends to the server from the start, so data is seen flowing; "
          + "0 leaves it idle until 'client start' (default ${DEFAULT-VALUE}).")
  int clientRate;

  @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_PORT,
      description = "First Hazelcast port to try; each node takes the next free one from here, and every node is "
          + "told of all of them (default ${DEFAULT-VALUE}).")
  int clusterPortFrom;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for the cluster to be ready (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** Refuses values out of range, with what is wrong. */
  void check() {
    if (workers < 0 || workerNodes < 0 || clientRate < 0) {
      throw new CliException(CliException.USAGE, "--workers, --worker-nodes and --client-rate must be 0 or more");
    }
    if (timeoutSeconds < 1) {
      throw new CliException(CliException.USAGE, "--timeout must be 1 second or more, got " + timeoutSeconds);
    }
  }

  /** These options as command-line arguments, for the background supervisor. */
  List<String> args() {
    return List.of("--workers", String.valueOf(workers), "--worker-nodes", String.valueOf(workerNodes),
        "--cluster-name", clusterName, "--bridge-port", String.valueOf(bridgePort),
        "--server-port", String.valueOf(serverPort), "--client-rate", String.valueOf(clientRate),
        "--cluster-port", String.valueOf(clusterPortFrom), "--timeout", String.valueOf(timeoutSeconds));
  }
}
