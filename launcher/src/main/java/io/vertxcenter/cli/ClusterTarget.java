package io.vertxcenter.cli;

import io.vertxcenter.local.LocalClusterState;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which cluster a CLI command talks to: {@code --cluster HOST:PORT}, else {@code CENTER_CLUSTER},
 * else the local cluster that {@code center up} started (its bridges, from the state file), else
 * {@value #DEFAULT_BRIDGE}.
 */
public class ClusterTarget {
  public static final String DEFAULT_BRIDGE = "127.0.0.1:7000";

  @Option(names = "--cluster", paramLabel = "HOST:PORT", defaultValue = "${env:CENTER_CLUSTER}",
      description = "CLI bridge of the cluster to talk to (env CENTER_CLUSTER; default: the cluster 'center up' started, else "
          + DEFAULT_BRIDGE + ").")
  String cluster;

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

  public ClusterConnection connect() {
    return ClusterConnection.open(bridges());
  }
}
