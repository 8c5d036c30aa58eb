package io.vertxcenter.node.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.ClusterToken;

/**
 * The CLI bridge's TCP endpoint: the wire format of vertx-tcp-eventbus-bridge (so its clients
 * work), written on a {@link NetServer} because that library buffers whole frames of any length,
 * answers nothing to an unknown type or a bad header, and lets a listener's queue grow without
 * bound. Every connection first gets a {@link BridgeProtocol#hello()} frame, so that a client
 * knows it reached a bridge before it sends the token. Each connection is a {@link BridgeConnection}; at most {@link BridgeLimits#maxConnections()}
 * at once.
 */
public final class BridgeServer {
  private final Vertx vertx;
  private final ClusterToken token;
  private final BridgeLimits limits;
  private final BridgeStats stats;
  private final BridgeAddresses addresses = new BridgeAddresses();
  private int open;

  /**
   * @param token  the cluster token every frame must carry
   * @param limits what one connection may cost
   * @param stats  where the bridge counts what it saw
   */
  public BridgeServer(Vertx vertx, ClusterToken token, BridgeLimits limits, BridgeStats stats) {
    this.vertx = vertx;
    this.token = token;
    this.limits = limits;
    this.stats = stats;
  }

  /** Listens on {@code host:port}; fails when the port cannot be bound. */
  public Future<NetServer> listen(String host, int port) {
    return vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
        .connectHandler(this::connected)
        .listen();
  }

  private void connected(NetSocket socket) {
    // first, on every connection: a client sends its token only after it read this
    socket.write(BridgeProtocol.encode(BridgeProtocol.hello()));
    if (open >= limits.maxConnections()) {
      stats.refusedConnections.increment();
      socket.end(BridgeProtocol.encode(BridgeProtocol.error("too_many_connections",
          "the bridge serves " + limits.maxConnections() + " connections at once: try again later")));
      return;
    }
    open++;
    stats.connections.increment();
    new BridgeConnection(vertx, socket, token, limits, stats, addresses, () -> open--);
  }
}
