package io.vertxcenter.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;

/**
 * A node's own entry in the registry, and the status commands every node answers: its own status
 * and the whole cluster's. Deployed last, so the node is listed only once it can serve.
 */
public class NodeVerticle extends VerticleBase {
  private NodeRegistry registry;
  private NodeInfo info;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    registry = new NodeRegistry(vertx);
    info = NodeInfo.fromJson(config.getJsonObject("node"));
    String clusterName = config.getString("clusterName");
    Future<Void> cluster = new CommandRouter("cluster")
        .on("status", args -> registry.list().map(nodes -> new JsonObject()
            .put("cluster", clusterName)
            .put("nodes", nodes.stream().map(NodeInfo::toJson).toList())))
        .register(vertx, Addresses.CLUSTER);
    Future<Void> node = new CommandRouter("node")
        .on("status", args -> Future.succeededFuture(info.toJson()))
        .register(vertx, Addresses.node(info.id()));
    return Future.all(cluster, node).compose(v -> registry.put(info));
  }

  @Override
  public Future<?> stop() {
    return registry.remove(info.clusterId());
  }
}
