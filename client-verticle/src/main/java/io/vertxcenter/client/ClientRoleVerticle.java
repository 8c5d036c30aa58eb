package io.vertxcenter.client;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Role;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client role of a node: a load generator driven by {@code client start|stop|status}. A run is
 * deployed as {@link LoadVerticle}s (up to one per core, the connections dealt among them) and ends
 * on {@code client stop}, after {@code duration}, or once {@code count} lines are written.
 */
public class ClientRoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ClientRoleVerticle.class);

  private String nodeId;
  private LoadPlan plan;
  private LoadStats stats = new LoadStats(0);
  private String deploymentId;
  private boolean changing;
  private long startedAt;
  private long lastSent;
  private long ratePerSec;

  @Override
  public Future<?> start() {
    nodeId = config().getString("nodeId");
    vertx.setPeriodic(1_000, id -> second());
    Future<Void> commands = new CommandRouter("client")
        .on("status", args -> Future.succeededFuture(status()))
        .on("start", this::startLoad)
        .on("stop", args -> stopLoad())
        .register(vertx, Addresses.role(Role.CLIENT), Addresses.nodeRole(nodeId, Role.CLIENT));
    JsonObject load = config().getJsonObject("load");
    return load == null ? commands : commands.compose(v -> startLoad(load)).mapEmpty();
  }

  private JsonObject status() {
    JsonObject status = new JsonObject().put("node", nodeId).put("running", deploymentId != null)
        .put("sent", stats.sent.sum()).put("connections", stats.connections.get())
        .put("errors", stats.errors.sum()).put("ratePerSec", ratePerSec);
    return plan == null ? status : status.put("plan", plan.toJson());
  }

  private Future<JsonObject> startLoad(JsonObject args) {
    if (deploymentId != null || changing) {
      return Future.failedFuture(Failure.CONFLICT.error("the client is already running: stop it first with 'client stop'"));
    }
    LoadPlan next = LoadPlan.of(args);
    changing = true;
    plan = next;
    stats = new LoadStats(next.count());
    lastSent = 0;
    int instances = Math.min(next.connections(), Runtime.getRuntime().availableProcessors());
    AtomicInteger instance = new AtomicInteger();
    LoadStats runStats = stats;
    return vertx.deployVerticle(() -> {
          int index = instance.getAndIncrement();
          int share = next.connections() / instances + (index < next.connections() % instances ? 1 : 0);
          return new LoadVerticle(next, runStats, index + 1, share);
        }, new DeploymentOptions().setInstances(instances))
        .map(id -> {
          deploymentId = id;
          startedAt = System.currentTimeMillis();
          LOG.info("client sending to {}:{}: {}", next.host(), next.port(), next.toJson().encode());
          return status();
        })
        .onComplete(done -> changing = false);
  }

  private Future<JsonObject> stopLoad() {
    if (deploymentId == null || changing) {
      return Future.failedFuture(Failure.CONFLICT.error("the client is not running: start it with 'client start'"));
    }
    changing = true;
    return vertx.undeploy(deploymentId)
        .map(v -> {
          deploymentId = null;
          LOG.info("client stopped: {} lines sent, {} errors", stats.sent.sum(), stats.errors.sum());
          return status();
        })
        .onComplete(done -> changing = false);
  }

  /** Once a second: the rate, and the end of a run whose count or duration is reached. */
  private void second() {
    long sent = stats.sent.sum();
    ratePerSec = sent - lastSent;
    lastSent = sent;
    if (deploymentId == null || changing) {
      return;
    }
    boolean countDone = plan.count() > 0 && stats.allClaimed() && stats.connections.get() == 0;
    boolean timeUp = plan.duration() > 0 && System.currentTimeMillis() - startedAt >= plan.duration() * 1000L;
    if (countDone || timeUp) {
      stopLoad();
    }
  }
}
