package io.vertxcenter.worker;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;

/**
 * The worker role of a node: deploys {@link TaskVerticle} with one instance per core (or
 * {@code instances}) as WORKER verticles on a pool of their own, so CPU-bound work never runs on
 * an event loop, and answers worker commands.
 */
public class WorkersRoleVerticle extends VerticleBase {
  public static final String POOL_NAME = "center-workers";

  private int instances;

  @Override
  public Future<?> start() {
    String nodeId = config().getString("nodeId");
    instances = config().getInteger("instances", Runtime.getRuntime().availableProcessors());
    DeploymentOptions options = new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(POOL_NAME)
        .setWorkerPoolSize(instances)
        .setInstances(instances);
    Future<String> tasks = vertx.deployVerticle(TaskVerticle::new, options);
    Future<Void> commands = new CommandRouter("workers")
        .on("status", args -> Future.succeededFuture(new JsonObject().put("node", nodeId).put("instances", instances)))
        .register(vertx, Addresses.role(Role.WORKER), Addresses.nodeRole(nodeId, Role.WORKER));
    return Future.all(tasks, commands);
  }
}
