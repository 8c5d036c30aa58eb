package io.vertxcenter.client;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleRun;
import io.vertxcenter.common.RoleState;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client role of a node: a load generator driven by {@code client start|stop|status}. A run is
 * deployed as {@link LoadVerticle}s (up to one per core, the connections dealt among them) and ends
 * on {@code client stop}, after {@code duration}, or once {@code count} lines are written. The words
 * of {@code client start} change the node's configured plan (its {@code --client-load}, or the
 * defaults aimed at its server), so {@code client start rate=0} sends where the node was set up to.
 *
 * <p>The role keeps its {@link NodeState}, which its status gives (the node asks for it): {@code degraded},
 * with a reason naming the server and why, while a run has had no connection up and its connects have
 * failed for {@link #UNREACHABLE_MS} ms; {@code ready} again once one connects or the run ends.
 * It logs the same two events once each, not every failed connect, and tells the node of each
 * change ({@link RoleState}). Its once-a-second check (the rate, the state, the end of the run)
 * runs only while a run does: an idle client does not wake.
 */
public class ClientRoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ClientRoleVerticle.class);

  /**
   * How long every connect of a run must fail, with no connection up, before the role says the
   * server is unreachable: 2 s is 4-5 failed attempts per connection at the 100 ms doubling back-off, so
   * a server that restarts or a connect that fails once does not flap the node's state, while a
   * wrong host or port shows in {@code cluster status} within about 3 s (the check runs each second).
   */
  static final long UNREACHABLE_MS = 2_000;

  private final String nodeId;
  private final LoadPlan configured;
  private final boolean startNow;
  private LoadPlan plan;
  private RoleState state;
  /** The once-a-second check of the run, while one runs; -1 when none does. */
  private long ticker = -1;
  private LoadStats stats = new LoadStats(0);
  private RoleRun run;
  private long startedAt;
  private long lastSent;
  private long ratePerSec;

  /**
   * @param nodeId     the node this role runs on (its command address)
   * @param configured the node's plan: what {@code client start} sends when its words change nothing
   * @param startNow   whether to start {@code configured} with the role, or wait for {@code client start}
   */
  public ClientRoleVerticle(String nodeId, LoadPlan configured, boolean startNow) {
    this.nodeId = nodeId;
    this.configured = configured;
    this.startNow = startNow;
  }

  @Override
  public Future<?> start() {
    run = new RoleRun(vertx);
    state = new RoleState(vertx, nodeId, NodeState.ready());
    Future<Void> commands = new CommandRouter("client")
        .on("status", args -> Future.succeededFuture(status()))
        .on("start", args -> startLoad(configured.with(args)))
        .on("stop", args -> stopLoad())
        .register(vertx, Addresses.role(Role.CLIENT), Addresses.nodeRole(nodeId, Role.CLIENT));
    return startNow ? commands.compose(v -> startLoad(configured)).mapEmpty() : commands;
  }

  private JsonObject status() {
    JsonObject status = new JsonObject().put("node", nodeId).put("running", run.running())
        .put("sent", stats.sent.sum()).put("connections", stats.connections.get())
        .put("errors", stats.errors.sum()).put("ratePerSec", ratePerSec)
        .put("acknowledged", stats.acknowledged.sum()).put("unacknowledged", stats.unacknowledged.sum())
        .put("resent", stats.resent.sum()).mergeIn(state.get().toJson());
    if (stats.lastFailure() != null) {
      status.put("lastFailure", stats.lastFailure());
    }
    return plan == null ? status : status.put("target", plan.target()).put("plan", plan.toJson());
  }

  private Future<JsonObject> startLoad(LoadPlan next) {
    return run.start(() -> deploy(next), "the client is already running: stop it first with 'client stop'")
        .map(v -> {
          startedAt = System.currentTimeMillis();
          ticker = vertx.setPeriodic(1_000, id -> second());
          LOG.info("client sending to {}: {}", plan.target(), plan.toJson().encode());
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
          LOG.info("client stopped: {} lines sent, {} acknowledged, {} unacknowledged, {} resent, {} errors", stats.sent.sum(),
              stats.acknowledged.sum(), stats.unacknowledged.sum(), stats.resent.sum(), stats.errors.sum());
          vertx.cancelTimer(ticker);
          ticker = -1;
          ratePerSec = 0;
          watchServer(); // a stopped client is not degraded
          return status();
        });
  }

  /** Degraded while the run's server cannot be reached for {@link #UNREACHABLE_MS}; ready again once it is, or the run ends. */
  private void watchServer() {
    boolean unreachable = run.steady() && stats.unreachableForMs() >= UNREACHABLE_MS;
    if (unreachable && !state.is(NodeState.DEGRADED)) {
      String reason = "the client " + stats.lastFailure() + ": it keeps trying; check the server, or send elsewhere with "
          + "'client stop' and 'client start host=… port=…'";
      LOG.warn("client {} ({} connects failed in {} ms); each connection keeps trying", stats.lastFailure(),
          stats.failedAttempts(), stats.unreachableForMs());
      state.set(NodeState.degraded(reason));
    } else if (!unreachable && state.is(NodeState.DEGRADED)) {
      if (run.steady()) {
        LOG.info("client reached {} again after {} failed connects", plan.target(), stats.failedBeforeReached());
      }
      state.set(NodeState.ready());
    }
  }

  /** Once a second while a run runs: the rate, the state, and the end of a run whose count or duration is reached. */
  private void second() {
    long sent = stats.sent.sum();
    ratePerSec = sent - lastSent;
    lastSent = sent;
    watchServer();
    if (!run.steady()) {
      return;
    }
    boolean countDone = plan.count() > 0 && stats.allClaimed() && stats.connections.get() == 0 && stats.unacknowledged.sum() == 0;
    boolean timeUp = plan.duration() > 0 && System.currentTimeMillis() - startedAt >= plan.duration() * 1000L;
    if (countDone || timeUp) {
      stopLoad();
    }
  }
}
