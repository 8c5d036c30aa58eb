package io.vertxcenter.cli;

import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.local.LocalClusterSettings;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.ServerParams;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The flags of a local cluster, shared by {@code center up} and the supervisor it starts in the
 * background ({@code up -d}), which gets them back through {@link #args()}.
 */
public class LocalClusterOptions {

  @Option(names = "--workers", paramLabel = "N", defaultValue = "0", converter = WholeNumber.NodeWorkers.class,
      description = "Worker verticle instances per worker JVM; 0 means one per core (default).")
  int workers;

  @Option(names = "--worker-nodes", paramLabel = "K", defaultValue = "1", converter = WholeNumber.WorkerNodes.class,
      description = "Number of worker JVMs (default ${DEFAULT-VALUE}).")
  int workerNodes;

  @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterSettings.DEFAULT_NAME,
      converter = Addresses.ClusterName.class,
      description = "Cluster name (default ${DEFAULT-VALUE}).")
  String clusterName;

  @Option(names = "--bridge-port", paramLabel = "PORT", defaultValue = "7000", converter = WholeNumber.Port.class,
      description = "CLI bridge port of the first node; the others take the next ports (default ${DEFAULT-VALUE}).")
  int bridgePort;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", converter = WholeNumber.PortOrNone.class,
      description = "HTTP port (health, metrics, web console) of the server node; the others take the next free ports; 0 means none (default ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--server-port", paramLabel = "PORT", defaultValue = "" + ServerParams.DEFAULT_PORT, converter = WholeNumber.Port.class,
      description = "Port of the TCP server that clients feed (default ${DEFAULT-VALUE}).")
  int serverPort;

  @Option(names = "--ack-port", paramLabel = "PORT", defaultValue = "" + ServerParams.UP_ACK_PORT, converter = WholeNumber.PortOrNone.class,
      description = "Port of the TCP server's ack port, where it writes 'ACK <n>' back; 0 means none (default ${DEFAULT-VALUE}).")
  int ackPort;

  @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "write", converter = Choices.DurabilityLevel.class,
      description = "How far the server secures lines in its data log ($CENTER_HOME/data/server) before forwarding them: "
          + "none, write (survives a kill of its JVM) or fsync (survives power loss) (default ${DEFAULT-VALUE}).")
  Durability durability;

  @Option(names = "--client-rate", paramLabel = "LINES/S", defaultValue = "1", converter = WholeNumber.ClientRate.class,
      description = "Lines per second the client node sends to the server from the start, so data is seen flowing; "
          + "0 leaves it idle until 'client start' (default ${DEFAULT-VALUE}).")
  int clientRate;

  @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_PORT,
      converter = WholeNumber.Port.class,
      description = "First Hazelcast port to try; each node takes the next free one from here, and every node is "
          + "told of all of them (default ${DEFAULT-VALUE}).")
  int clusterPortFrom;

  @Option(names = "--tls", description = "Mutual TLS on the event bus, with key material made once in $CENTER_HOME/tls.")
  boolean tls;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", converter = WholeNumber.TimeoutSeconds.class,
      description = "How long to wait for the cluster to be ready (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /**
   * These options, checked.
   *
   * @throws io.vertxcenter.connect.CliException (usage) for a value out of range, naming the flag and the range
   */
  LocalClusterSettings settings() {
    return new LocalClusterSettings(workers, workerNodes, clusterName, bridgePort, httpPort, serverPort, ackPort, durability, clientRate,
        clusterPortFrom, tls, timeoutSeconds);
  }

  /**
   * These options as command-line arguments, for the background supervisor: every option of this
   * class, rendered from its own definition (a flag only when set), so a new option goes along.
   */
  List<String> args() {
    List<String> args = new ArrayList<>();
    for (OptionSpec option : CommandSpec.forAnnotatedObject(this).options()) {
      Object value = option.getValue();
      if (option.arity().max() == 0) {
        if (Boolean.TRUE.equals(value)) {
          args.add(option.longestName());
        }
      } else {
        args.addAll(List.of(option.longestName(), String.valueOf(value)));
      }
    }
    return args;
  }
}
