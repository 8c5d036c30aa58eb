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
  private final NodeRegistry registry;
  private NodeInfo info;

  public NodeVerticle(NodeRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    info = NodeInfo.fromJson(config.getJsonObject("node"));
    String clusterName = config.getString("clusterName");
    Future<Void> cluster = new CommandRouter("cluster")
        // off the event loop: a replicated map's first read on a new member waits for its copy
        .on("status", args -> vertx.executeBlocking(() -> new JsonObject()
            .put("cluster", clusterName)
            .put("nodes", registry.list().stream().map(NodeInfo::toJson).toList())))
        .register(vertx, Addresses.CLUSTER);
    Future<Void> node = new CommandRouter("node")
        .on("status", args -> Future.succeededFuture(info.toJson()))
        .register(vertx, Addresses.node(info.id()));
    return Future.all(cluster, node).compose(v -> vertx.executeBlocking(() -> {
      registry.put(info); // the first write to the replicated map waits for the cluster
      return null;
    }));
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      registry.remove(info.clusterId());
      return null;
    });
  }
}
