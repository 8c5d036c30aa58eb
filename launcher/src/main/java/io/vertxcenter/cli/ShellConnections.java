package io.vertxcenter.cli;

import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.connect.ClusterConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The cluster connections a shell keeps open between its commands, one per bridge list, so a
 * command after the first does not pay for a new connection. Owned by one {@link Shell}; closed
 * with it.
 */
final class ShellConnections implements AutoCloseable {
  private final Map<List<String>, ClusterConnection> kept = new HashMap<>();

  /**
   * Makes every command of {@code commandLine} that talks to a cluster (its {@link ClusterTarget})
   * use these connections.
   */
  ShellConnections useIn(CommandLine commandLine) {
    useIn(commandLine.getCommandSpec());
    return this;
  }

  private void useIn(CommandSpec command) {
    command.mixins().values().stream().map(CommandSpec::userObject)
        .filter(ClusterTarget.class::isInstance).map(ClusterTarget.class::cast)
        .forEach(target -> target.reuse(this));
    command.subcommands().values().forEach(sub -> useIn(sub.getCommandSpec()));
  }

  /** The kept connection to {@code bridges} while it works, else a new one, kept from now on. */
  ClusterConnection connect(List<String> bridges, Supplier<ClusterToken> token) {
    ClusterConnection connection = kept.get(bridges);
    if (connection == null || !connection.usable()) {
      if (connection != null) {
        connection.closeNow();
      }
      connection = ClusterConnection.open(bridges, token.get()).keptOpen();
      kept.put(bridges, connection);
    }
    return connection;
  }

  @Override
  public void close() {
    kept.values().forEach(ClusterConnection::closeNow);
    kept.clear();
  }
}
