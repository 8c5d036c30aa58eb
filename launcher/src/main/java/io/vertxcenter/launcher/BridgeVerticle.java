package io.vertxcenter.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertxcenter.bridge.BridgeLimits;
import io.vertxcenter.bridge.BridgeServer;
import io.vertxcenter.bridge.BridgeStats;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.CommandRouter;

/**
 * The TCP event-bus bridge the CLI talks to ({@link BridgeServer}): a one-shot command costs a
 * socket connect and one request, not a Hazelcast join (~1.5 s). It lets through only command and
 * tap addresses, never the data or work streams, and only frames that carry the cluster token.
 * Config: {@code host}, {@code port}, {@code nodeId}. Its counts answer {@code status} at
 * {@link Addresses#nodeBridge}.
 */
public class BridgeVerticle extends VerticleBase {
  private final ClusterToken token;
  private final BridgeStats stats = new BridgeStats();

  /** @param token the cluster token every inbound frame must carry */
  public BridgeVerticle(ClusterToken token) {
    this.token = token;
  }

  @Override
  public Future<?> start() {
    String host = config().getString("host");
    int port = config().getInteger("port");
    Future<?> listening = new BridgeServer(vertx, token, BridgeLimits.DEFAULT, stats).listen(host, port)
        .recover(error -> Future.failedFuture("cannot serve the CLI bridge on " + host + ":" + port + " ("
            + error.getMessage() + "): choose another port with --bridge-port, or stop what uses it"));
    Future<Void> status = new CommandRouter("bridge")
        .on("status", args -> Future.succeededFuture(stats.toJson()))
        .register(vertx, Addresses.nodeBridge(config().getString("nodeId")));
    return Future.all(listening, status);
  }
}
