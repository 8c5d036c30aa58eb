package io.vertxcenter.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;

/** The server role of a node: answers server commands. The TCP ingest comes with the data path. */
public class ServerRoleVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    String nodeId = config().getString("nodeId");
    return new CommandRouter("server")
        .on("status", args -> Future.succeededFuture(new JsonObject().put("node", nodeId).put("listening", false)))
        .register(vertx, Addresses.role(Role.SERVER), Addresses.nodeRole(nodeId, Role.SERVER));
  }
}
