package io.vertxcenter.connect;

import io.vertxcenter.common.ClusterToken;
import java.util.List;

/**
 * A CLI's way into the cluster for a long command (a bench run): one connection through the first
 * bridge that answers, replaced by one through another bridge when it breaks (its node died or froze),
 * so the command outlives the node it entered by.
 */
public final class BridgeLink implements AutoCloseable {
  private final List<String> bridges;
  private final ClusterToken token;
  private ClusterConnection connection;

  /**
   * @param bridges {@code HOST:PORT} each, tried in order ({@link ClusterConnection#open})
   * @param token   the cluster token, or null for none
   */
  public BridgeLink(List<String> bridges, ClusterToken token) {
    this.bridges = List.copyOf(bridges);
    this.token = token;
  }

  /**
   * A working connection: the current one, or a new one through the next bridge that answers when
   * the current one broke.
   *
   * @throws CliException {@link CliException#UNREACHABLE} when no bridge answers, as {@link ClusterConnection#open}
   */
  public ClusterConnection connection() {
    if (connection == null) {
      connection = ClusterConnection.open(bridges, token);
    } else if (!connection.usable()) {
      ClusterConnection broken = connection;
      broken.closeNow();
      connection = null;
      connection = broken.reopen(bridges, token);
    }
    return connection;
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.closeNow();
    }
  }
}
