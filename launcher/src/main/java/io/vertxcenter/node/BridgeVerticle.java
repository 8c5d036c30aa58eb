package io.vertxcenter.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertxcenter.node.bridge.BridgeLimits;
import io.vertxcenter.node.bridge.BridgeServer;
import io.vertxcenter.node.bridge.BridgeStats;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.NetFailure;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.CommandRouter;

/**
 * The TCP event-bus bridge the CLI talks to ({@link BridgeServer}): a one-shot command costs a
 * socket connect and one request, not a Hazelcast join of its own. It lets through only command and
 * tap addresses, never the data or work streams, and only frames that carry the cluster token.
 * Its counts answer {@code status} at {@link Addresses#nodeBridge}.
 */
public class BridgeVerticle extends VerticleBase {
  private final ClusterToken token;
  private final NodeConfig.Endpoint address;
  private final String nodeId;
  private final BridgeStats stats = new BridgeStats();

  /**
   * @param token   the cluster token every inbound frame must carry
   * @param address where to listen, a port from 1 to 65535
   * @param nodeId  the node it belongs to (its status address)
   */
  public BridgeVerticle(ClusterToken token, NodeConfig.Endpoint address, String nodeId) {
    this.token = token;
    this.address = address;
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    Future<?> listening = new BridgeServer(vertx, token, BridgeLimits.DEFAULT, stats).listen(address.host(), address.port())
        .recover(error -> Future.failedFuture("cannot serve the CLI bridge on " + address.address() + " ("
            + error.getMessage() + "): " + NetFailure.listenAdvice(error, NodeFlags.BRIDGE_HOST, NodeFlags.BRIDGE_PORT)));
    Future<Void> status = new CommandRouter("bridge")
        .on("status", args -> Future.succeededFuture(stats.toJson()))
        .register(vertx, Addresses.nodeBridge(nodeId));
    return Future.join(listening, status);
  }
}
