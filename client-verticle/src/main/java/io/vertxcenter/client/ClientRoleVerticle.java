package io.vertxcenter.client;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleRun;
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

  private final String nodeId;
  private final LoadPlan loadAtStart;
  private LoadPlan plan;
  private LoadStats stats = new LoadStats(0);
  private RoleRun run;
  private long startedAt;
  private long lastSent;
  private long ratePerSec;

  /**
   * @param nodeId the node this role runs on (its command address)
   * @param loadAtStart the load to start with the role, or null to wait for {@code client start}
   */
  public ClientRoleVerticle(String nodeId, LoadPlan loadAtStart) {
    this.nodeId = nodeId;
    this.loadAtStart = loadAtStart;
  }

  @Override
  public Future<?> start() {
    run = new RoleRun(vertx);
    vertx.setPeriodic(1_000, id -> second());
    Future<Void> commands = new CommandRouter("client")
        .on("status", args -> Future.succeededFuture(status()))
        .on("start", args -> startLoad(LoadPlan.of(args)))
        .on("stop", args -> stopLoad())
        .register(vertx, Addresses.role(Role.CLIENT), Addresses.nodeRole(nodeId, Role.CLIENT));
    return loadAtStart == null ? commands : commands.compose(v -> startLoad(loadAtStart)).mapEmpty();
  }

  private JsonObject status() {
    JsonObject status = new JsonObject().put("node", nodeId).put("running", run.running())
        .put("sent", stats.sent.sum()).put("connections", stats.connections.get())
        .put("errors", stats.errors.sum()).put("ratePerSec", ratePerSec);
    return plan == null ? status : status.put("plan", plan.toJson());
  }

  private Future<JsonObject> startLoad(LoadPlan next) {
    return run.start(() -> deploy(next), "the client is already running: stop it first with 'client stop'")
        .map(v -> {
          startedAt = System.currentTimeMillis();
          LOG.info("client sending to {}:{}: {}", plan.host(), plan.port(), plan.toJson().encode());
          return status();
        });
  }

  /** Deploys a run of {@code next}: up to one {@link LoadVerticle} per core, the connections dealt among them. */
  private Future<String> deploy(LoadPlan next) {
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
    }, new DeploymentOptions().setInstances(instances));
  }

  private Future<JsonObject> stopLoad() {
    return run.stop("the client is not running: start it with 'client start'")
        .map(v -> {
          LOG.info("client stopped: {} lines sent, {} errors", stats.sent.sum(), stats.errors.sum());
          return status();
        });
  }

  /** Once a second: the rate, and the end of a run whose count or duration is reached. */
  private void second() {
    long sent = stats.sent.sum();
    ratePerSec = sent - lastSent;
    lastSent = sent;
    if (!run.steady()) {
      return;
    }
    boolean countDone = plan.count() > 0 && stats.allClaimed() && stats.connections.get() == 0;
    boolean timeUp = plan.duration() > 0 && System.currentTimeMillis() - startedAt >= plan.duration() * 1000L;
    if (countDone || timeUp) {
      stopLoad();
    }
  }
}
