package io.vertxcenter.worker;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role of a node: deploys {@link TaskVerticle} with one instance per core (or
 * {@code instances}) as WORKER verticles on a pool of their own, so CPU-bound work never runs on
 * an event loop, and answers the worker commands:
 * <ul>
 *   <li>{@code status} -> {@code {node, instances, tasksDone, busyMs}};</li>
 *   <li>{@code scale} args {@code {instances: N}} -> status, after redeploying N instances on a
 *       pool of N threads and updating the node's registry entry;</li>
 *   <li>{@code bench} and {@code bench-progress}: the Cluster mode's coordinator ({@link ClusterBenchRuns}).</li>
 * </ul>
 */
public class WorkerRoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerRoleVerticle.class);
  public static final String POOL_NAME = "center-workers";
  /** The most instances a node runs: far more than cores only adds switching. */
  public static final int MAX_INSTANCES = 256;
  /** Instances at start ({@code --workers}, 0 there meaning one per core) and on {@code scale} (0: take no work). */
  public static final Settings.Range START_INSTANCES = new Settings.Range(1, MAX_INSTANCES);
  public static final Settings.Range SCALE_INSTANCES = new Settings.Range(0, MAX_INSTANCES);

  private final WorkerStats stats = new WorkerStats();
  private final String nodeId;
  private final int initialInstances;
  private int instances;
  private String deployment;
  /** Each deployment gets a pool of its own: a named pool keeps the size it was created with. */
  private int generation;
  private boolean scaling;

  /**
   * @param nodeId the node this role runs on (its command address and registry entry)
   * @param instances task verticle instances at start, in {@link #START_INSTANCES} (1-256)
   * @throws io.vertxcenter.common.Failure.CommandException (bad request) when {@code instances} is outside that range, naming it
   */
  public WorkerRoleVerticle(String nodeId, int instances) {
    this.nodeId = nodeId;
    this.initialInstances = (int) START_INSTANCES.wholeNumber("worker instances", instances);
  }

  @Override
  public Future<?> start() {
    int initial = initialInstances;
    ClusterBenchRuns bench = new ClusterBenchRuns(vertx, nodeId);
    Future<Void> tasks = deployTasks(initial).map(id -> {
      deployment = id;
      instances = initial;
      return null;
    });
    Future<Void> commands = new CommandRouter(Role.WORKER.plural())
        .on("status", args -> Future.succeededFuture(status()))
        .on("scale", this::scale)
        .on("bench", bench::start)
        .on("bench-progress", bench::progress)
        .register(vertx, Addresses.role(Role.WORKER), Addresses.nodeRole(nodeId, Role.WORKER));
    return Future.all(tasks, commands);
  }

  private JsonObject status() {
    return stats.toJson(nodeId, instances);
  }

  /**
   * Deploys the new instances before undeploying the old ones, so the node never stops taking
   * work; a chunk caught in an undeployed instance is sent again by its coordinator.
   */
  private Future<JsonObject> scale(JsonObject args) {
    int target = (int) SCALE_INSTANCES.wholeNumber("instances", args.getValue("instances"));
    if (scaling) {
      return Future.failedFuture(Failure.CONFLICT.error("node " + nodeId + " is already scaling: try again when it is done"));
    }
    scaling = true;
    String old = deployment;
    return deployTasks(target)
        .compose(id -> {
          deployment = id;
          instances = target;
          return old == null ? Future.succeededFuture() : vertx.undeploy(old);
        })
        .compose(v -> updateRegistry())
        .map(v -> {
          LOG.info("workers on node {} scaled to {} instances", nodeId, target);
          return status();
        })
        .eventually(() -> {
          scaling = false;
          return Future.succeededFuture();
        });
  }

  private Future<String> deployTasks(int count) {
    if (count == 0) {
      return Future.succeededFuture(null);
    }
    generation++;
    return vertx.deployVerticle(() -> new TaskVerticle(Addresses.WORK, nodeId, stats),
        TaskVerticle.deploymentOptions(POOL_NAME + "-" + generation, count));
  }

  /** Tells the node's registry entry the new count; a node without one (a test) has nothing to update. */
  private Future<Void> updateRegistry() {
    JsonObject update = new JsonObject().put("verticle", Role.WORKER.label()).put("instances", instances);
    return vertx.eventBus().request(Addresses.nodeVerticles(nodeId), update)
        .<Void>mapEmpty()
        .recover(error -> Future.succeededFuture());
  }
}
