package io.vertxcenter.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertxcenter.common.Addresses;

/**
 * The TCP event-bus bridge the CLI talks to: a one-shot command costs a socket connect and one
 * request, not a Hazelcast join (~1.5 s). It lets through only command and tap addresses, never the
 * data or work streams.
 */
public class BridgeVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    String host = config().getString("host");
    int port = config().getInteger("port");
    BridgeOptions options = new BridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddressRegex(Addresses.BRIDGE_INBOUND_REGEX))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.BRIDGE_OUTBOUND_REGEX));
    return TcpEventBusBridge.create(vertx, options).listen(port, host).recover(error -> Future.failedFuture(
        "cannot serve the CLI bridge on " + host + ":" + port + " (" + error.getMessage()
            + "): choose another port with --bridge-port, or stop what uses it"));
  }
}
