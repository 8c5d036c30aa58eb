package io.vertxcenter.local;

import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.EventBusTls;
import io.vertxcenter.common.PrivateFiles;
import io.vertxcenter.connect.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code center up} keeps private under {@code $CENTER_HOME} (0700): the cluster token
 * (0600), the event bus's key material for {@code --tls} ({@code tls/}), the node logs (0600).
 */
public final class LocalSecurity {
  private LocalSecurity() {}

  /** The cluster token the nodes and the CLI use: the configured one, else a new one in {@code $CENTER_HOME/token}. */
  public static ClusterToken token() {
    try {
      PrivateFiles.directory(LocalClusterState.home());
      return ClusterToken.configuredOrCreated(null, LocalClusterState.home());
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new CliException(CliException.FAILED, "cannot set up the cluster token: " + e.getMessage());
    }
  }

  /** {@code $CENTER_HOME/tls}, with key material made there on first use. */
  static Path tlsDirectory() {
    Path dir = LocalClusterState.home().resolve(EventBusTls.HOME_DIR);
    try {
      if (!EventBusTls.present(dir)) {
        EventBusTls.create(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot write the event bus's key material to " + dir + ": " + e.getMessage());
    }
  }

  /** The logs directory, 0700. */
  public static Path logsDirectory() throws IOException {
    PrivateFiles.directory(LocalClusterState.home());
    return PrivateFiles.directory(LocalClusterState.home().resolve("logs"));
  }

  /** An empty log file with mode 0600, for a node's output to go to. */
  public static void privateLog(Path log) throws IOException {
    Files.write(log, new byte[0]);
    PrivateFiles.restrict(log);
  }
}
