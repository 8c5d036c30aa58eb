package io.vertxcenter.monitor;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;

/** The monitor role of a node: answers monitor commands. Consuming the data comes with the data path. */
public class MonitorRoleVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    String nodeId = config().getString("nodeId");
    return new CommandRouter("monitor")
        .on("status", args -> Future.succeededFuture(new JsonObject().put("node", nodeId).put("messages", 0)))
        .register(vertx, Addresses.role(Role.MONITOR), Addresses.nodeRole(nodeId, Role.MONITOR));
  }
}
