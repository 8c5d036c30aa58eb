package io.vertxcenter.client;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;

/** The client role of a node: answers client commands. The load generator comes with the data path. */
public class ClientRoleVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    String nodeId = config().getString("nodeId");
    return new CommandRouter("client")
        .on("status", args -> Future.succeededFuture(new JsonObject().put("node", nodeId).put("running", false)))
        .register(vertx, Addresses.role(Role.CLIENT), Addresses.nodeRole(nodeId, Role.CLIENT));
  }
}
