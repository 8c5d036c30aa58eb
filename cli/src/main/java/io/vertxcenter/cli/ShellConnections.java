package io.vertxcenter.cli;

import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.connect.ClusterConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The cluster connections a shell keeps open between its commands, one per bridge list and token,
 * so a command after the first does not pay for a new connection, and a command with another
 * {@code --token-file} never reuses a connection made with another token. Owned by one
 * {@link Shell}; closed with it.
 */
final class ShellConnections implements AutoCloseable {
  /** What a kept connection is for: the bridges it tries and the token its frames carry (null: none). */
  private record Target(List<String> bridges, String token) {}

  private final Map<Target, ClusterConnection> kept = new HashMap<>();

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

  /**
   * The kept connection to {@code bridges} with {@code token} while its bridge answers a ping
   * in time ({@link ClusterConnection#answers}, {@link ClusterConnection#pingTimeout}: 1.5 s when there
   * are other bridges to move to, else 4 s), else a new one
   * (whose bridge {@link ClusterConnection#open} also proved to answer), kept from now on. A kept connection that
   * was lost (its node died, say) is replaced by one to the next bridge of {@code bridges} that
   * answers, and one line on stderr says so; the command that asks goes through the new one: a
   * failed ping means nothing was sent through the old one since, so no command runs twice.
   *
   * @throws io.vertxcenter.connect.CliException when no bridge answers (exit status 3)
   */
  ClusterConnection connect(List<String> bridges, ClusterToken token) {
    Target target = new Target(bridges, token == null ? null : token.value());
    ClusterConnection connection = kept.remove(target);
    if (connection == null) {
      connection = ClusterConnection.open(bridges, token);
    } else if (!connection.answers(ClusterConnection.pingTimeout(bridges.size() > 1))) {
      connection.closeNow();
      ClusterConnection lost = connection;
      connection = lost.reopen(bridges, token);
      System.err.println("lost the cluster at " + lost.bridge() + " (" + lost.whyLost() + "); now through " + connection.bridge());
    }
    kept.put(target, connection.keptOpen());
    return connection;
  }

  @Override
  public void close() {
    kept.values().forEach(ClusterConnection::closeNow);
    kept.clear();
  }
}
