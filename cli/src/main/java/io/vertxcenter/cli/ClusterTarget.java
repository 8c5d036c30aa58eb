package io.vertxcenter.cli;

import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.node.NodeFlags;
import io.vertxcenter.local.LocalClusterState;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which cluster a CLI command talks to: {@code --cluster HOST:PORT[,HOST:PORT...]}, else {@code CENTER_CLUSTER},
 * else the local cluster that {@code center up} started (its bridges, from the state file), else
 * {@value #DEFAULT_BRIDGE}; and the cluster token that goes with every frame.
 */
public class ClusterTarget {
  public static final String DEFAULT_BRIDGE = "127.0.0.1:7000";
  public static final String OPTION = "--cluster";
  public static final String TOKEN_FILE_OPTION = NodeFlags.TOKEN_FILE;

  /** The shell's kept connections; null outside the shell. */
  private ShellConnections shellConnections;

  @Option(names = OPTION, paramLabel = "HOST:PORT[,...]", defaultValue = "${env:CENTER_CLUSTER}", converter = Addresses.Bridges.class,
      description = "CLI bridge of the cluster to talk to; several, comma-separated, are tried in order, and the shell moves to "
          + "the next one when its node dies (env CENTER_CLUSTER; default: the cluster 'center up' started, else " + DEFAULT_BRIDGE + ").")
  String cluster;

  @Option(names = TOKEN_FILE_OPTION, paramLabel = "FILE", converter = FilePaths.ReadableFile.class, defaultValue = "${env:" + ClusterToken.FILE_ENV + "}",
      description = "File holding the cluster token (env " + ClusterToken.FILE_ENV + "; default: env " + ClusterToken.ENV
          + ", else $CENTER_HOME/" + ClusterToken.FILE_NAME + ", which 'center up' writes).")
  Path tokenFile;

  /** The token file named by {@code --token-file} or {@code CENTER_TOKEN_FILE}, or null. */
  public Path tokenFile() {
    return tokenFile;
  }

  /** The bridges named by {@code --cluster} or {@code CENTER_CLUSTER}, comma-separated, or null. */
  public String cluster() {
    return cluster;
  }

  /** The bridge addresses to try, in order: HOST:PORT each. */
  public List<String> bridges() {
    if (cluster != null && !cluster.isBlank()) {
      return List.of(cluster.split(","));
    }
    return LocalClusterState.read()
        .map(LocalClusterState::bridges)
        .filter(bridges -> !bridges.isEmpty())
        .orElse(List.of(DEFAULT_BRIDGE));
  }

  /**
   * The cluster token to send: {@code --token-file}, else {@value ClusterToken#ENV}, else
   * {@code $CENTER_HOME/token}; null when there is none (the bridge will refuse, saying so).
   */
  public ClusterToken token() {
    return token(tokenFile);
  }

  /** The token from {@code file}, or when null the default one; a file that cannot be read is a usage error. */
  public static ClusterToken token(Path file) {
    try {
      return ClusterToken.configured(file, LocalClusterState.home()).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, e.getMessage());
    }
  }

  /** A connection of its own, never kept by the shell: closing it ends what it listens to. */
  public ClusterConnection open() {
    return ClusterConnection.open(bridges(), token());
  }

  /** A connection to the cluster; in the shell, the one its previous command used, while it works. */
  public ClusterConnection connect() {
    return shellConnections == null ? open() : shellConnections.connect(bridges(), token());
  }

  /** From now on, {@link #connect} takes the shell's connections. */
  void reuse(ShellConnections connections) {
    this.shellConnections = connections;
  }
}
