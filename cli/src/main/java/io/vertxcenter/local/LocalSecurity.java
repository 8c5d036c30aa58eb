package io.vertxcenter.local;

import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.EventBusTls;
import io.vertxcenter.common.PrivateFiles;
import io.vertxcenter.connect.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

  /**
   * An empty log file with mode 0600, for a node's output to go to. A log an earlier run left there
   * is kept as {@link #previousLog} (replacing an older one): after a crash, what the monitor showed
   * and how the nodes ended must survive the next {@code center up}.
   */
  public static void privateLog(Path log) throws IOException {
    if (Files.exists(log) && Files.size(log) > 0) {
      Files.move(log, previousLog(log), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.write(log, new byte[0]);
    PrivateFiles.restrict(log);
  }

  /** Where {@link #privateLog} keeps the earlier run's {@code log}: {@code <name>.1} beside it. */
  public static Path previousLog(Path log) {
    return log.resolveSibling(log.getFileName() + ".1");
  }
}
