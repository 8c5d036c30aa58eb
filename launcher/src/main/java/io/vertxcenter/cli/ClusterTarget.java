package io.vertxcenter.cli;

import io.vertxcenter.local.LocalClusterState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which cluster a CLI command talks to: {@code --cluster HOST:PORT}, else {@code CENTER_CLUSTER},
 * else the local cluster that {@code center up} started (its bridges, from the state file), else
 * {@value #DEFAULT_BRIDGE}.
 */
public class ClusterTarget {
  public static final String DEFAULT_BRIDGE = "127.0.0.1:7000";
  public static final String OPTION = "--cluster";

  /** Connections the shell keeps open between its commands, by bridge list; null outside the shell. */
  private static Map<List<String>, ClusterConnection> kept;

  @Option(names = OPTION, paramLabel = "HOST:PORT", defaultValue = "${env:CENTER_CLUSTER}", converter = OptionValues.HostPort.class,
      description = "CLI bridge of the cluster to talk to (env CENTER_CLUSTER; default: the cluster 'center up' started, else "
          + DEFAULT_BRIDGE + ").")
  String cluster;

  /** The cluster named by {@code --cluster} or {@code CENTER_CLUSTER}, or null. */
  public String cluster() {
    return cluster;
  }

  /** The bridge addresses to try, in order. */
  public List<String> bridges() {
    if (cluster != null && !cluster.isBlank()) {
      return List.of(cluster);
    }
    return LocalClusterState.read()
        .map(LocalClusterState::bridges)
        .filter(bridges -> !bridges.isEmpty())
        .orElse(List.of(DEFAULT_BRIDGE));
  }

  /** A connection to the cluster; in the shell, the one its previous command used, while it works. */
  public ClusterConnection connect() {
    List<String> bridges = bridges();
    if (kept == null) {
      return ClusterConnection.open(bridges);
    }
    ClusterConnection connection = kept.get(bridges);
    if (connection == null || !connection.usable()) {
      if (connection != null) {
        connection.closeNow();
      }
      connection = ClusterConnection.open(bridges).keptOpen();
      kept.put(bridges, connection);
    }
    return connection;
  }

  /** From now on, {@link #connect} reuses connections (the shell). */
  static void keepConnections() {
    kept = new HashMap<>();
  }

  /** Closes the kept connections and stops keeping them. */
  static void closeKeptConnections() {
    if (kept != null) {
      kept.values().forEach(ClusterConnection::closeNow);
      kept = null;
    }
  }
}
