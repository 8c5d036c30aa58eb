package io.vertxcenter.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleRun;
import io.vertxcenter.common.RoleState;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server role of a node: answers the server commands and runs the TCP server as
 * {@code instances} {@link TcpIngestVerticle}s sharing one port. Its start completes once the port
 * is bound, so a node that lists itself ready serves. A port that cannot be bound is not a failed
 * start: the role logs one line saying why and what to do ({@link ServerFailure}), comes up {@code degraded}, and
 * {@code server start} can try again (after {@code server params set port=…}, or once the port is free).
 *
 * <p>The role owns the node's {@link NodeState}: {@code ready} while it listens, {@code degraded}
 * (with the reason) after a listen failed, {@code idle} after {@code server stop}: a server stopped
 * on purpose is not degraded. Its {@code status} reply carries it, which is where the node reads it
 * (its registry entry and {@code /ready} ask). While degraded, the reason follows
 * {@code server params set}: once the params name another address, it names that one and says that
 * {@code server start} listens there (a params change never starts the server). Each change of
 * state or reason is told to the node ({@link RoleState}); a change of the data log's health is
 * told here by the log itself ({@link LogSpace#onChange}), so the role has no timer.
 *
 * <p>Commands: {@code status}, {@code params}, {@code params-set} (args: the params to change, only
 * while stopped), {@code start}, {@code stop}.
 *
 * <p>When the role stops (its node stops, or it is undeployed), its TCP server instances are
 * undeployed first, each delivering what it has read (see {@link TcpIngestVerticle}); then it logs
 * {@code final counts: received=N forwarded=N acked=N dropped=N replayed=N}.
 */
public class ServerRoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRoleVerticle.class);

  private final IngestStats stats = new IngestStats();
  private final LogSpace space;
  private final String nodeId;
  /** This JVM's hold on the data dir, taken at the first start, released when the role stops. */
  private volatile FileLock dirLock;
  /** The role is degraded because of its data log (full, not writable, or its batches refused), with this reason; null when not. */
  private String logProblem;
  /** Degradations by the data log, logged at most once a minute: a disk that stays nearly full flaps every write retry. */
  private final QuietRepeats logProblems = new QuietRepeats(Forwarder.REPEAT_LOG_MS);
  /** The ongoing degradation was logged, so its end is logged too. */
  private boolean logProblemLogged;
  private ServerParams params;
  private RoleRun listeners;
  private static final String STOPPED = "the server was stopped with 'server stop': start it with 'server start'";
  /** This role's state, which its status gives; idle until the first start is done. */
  private RoleState state;
  /** Why the last start could not listen; what the reason says while the role is {@code degraded}. */
  private ServerFailure.Start startFailure;

  /**
   * @param nodeId the node this role runs on (its command address)
   * @param params what the TCP server starts with; {@code server params set} changes them later
   */
  public ServerRoleVerticle(String nodeId, ServerParams params) {
    this(nodeId, params, LogSettings.NONE);
  }

  /**
   * @param nodeId the node this role runs on (its command address)
   * @param params what the TCP server starts with; {@code server params set} changes them later
   * @param log    where and how the node logs the lines it reads before forwarding them
   */
  public ServerRoleVerticle(String nodeId, ServerParams params, LogSettings log) {
    this.nodeId = nodeId;
    this.params = params;
    this.space = new LogSpace(log);
  }

  @Override
  public Future<?> start() {
    listeners = new RoleRun(vertx);
    state = new RoleState(vertx, nodeId, NodeState.idle("the server has not started yet"));
    Future<Void> commands = new CommandRouter("server")
        .on("status", args -> Future.succeededFuture(status()))
        .on("params", args -> Future.succeededFuture(params.toJson()))
        .on("params-set", this::setParams)
        .on("start", args -> startServer())
        .on("stop", args -> stopServer())
        .register(vertx, Addresses.role(Role.SERVER), Addresses.nodeRole(nodeId, Role.SERVER));
    if (space.settings().logs()) {
      space.onChange(() -> context.runOnContext(v -> checkLog()));
    }
    // started once listening; when the port cannot be bound, started all the same: degraded, and startServer said why
    return commands.compose(v -> startServer().<Void>mapEmpty().recover(notListening -> Future.succeededFuture()));
  }

  /** Runs once the TCP server instances (deployed from this verticle, so its children) have stopped and drained. */
  @Override
  public Future<?> stop() {
    LOG.info(stats.finalCounts(space.replayed.sum()));
    if (dirLock != null) {
      try {
        dirLock.channel().close();
      } catch (IOException e) {
        LOG.warn("data log: releasing the lock of {} failed ({}); it goes with the JVM", space.settings().dir(), e.getMessage());
      }
    }
    return Future.succeededFuture();
  }

  private JsonObject status() {
    return new JsonObject().put("node", nodeId).put("listening", listeners.running())
        .put("host", params.host()).put("port", params.port()).put("ackPort", params.ackPort())
        .mergeIn(state.get().toJson()).mergeIn(stats.toJson(space.replayed.sum())).put("log", space.toJson());
  }

  /**
   * Degraded while the data log is full, cannot be written, or a monitor refuses its batches (reads
   * pause meanwhile); ready again after. Runs when the log's health may have changed, and when the
   * server started or stopped.
   */
  private void checkLog() {
    String problem = listeners.running() ? space.problem() : null;
    if (problem != null && !problem.equals(logProblem) && !state.is(NodeState.IDLE)) {
      if (logProblem == null) {
        String repeats = logProblems.occurred();
        logProblemLogged = repeats != null;
        if (logProblemLogged) {
          LOG.warn("{}{}", problem, repeats);
        }
      }
      logProblem = problem;
      state.set(NodeState.degraded(problem));
    } else if (problem == null && logProblem != null) {
      logProblem = null;
      if (logProblemLogged) {
        LOG.info("no longer degraded: the data log takes lines and the monitors take its batches; it holds {} bytes of {}",
            space.bytes(), space.settings().maxBytes());
      }
      if (listeners.running()) {
        state.set(NodeState.ready());
      }
    }
  }

  /**
   * Finds what previous runs left in the data log (cutting torn tails, logged once per segment), off
   * the event loop; empty without a log.
   */
  private Future<List<LogFiles.Segment>> recoverLog() {
    if (!space.settings().logs()) {
      return Future.succeededFuture(List.of());
    }
    Path dir = space.settings().dir();
    return vertx.executeBlocking(() -> {
      if (dirLock == null) {
        dirLock = LogFiles.lock(dir);
      }
      return LogFiles.recover(dir);
    }, false).recover(error -> Future.failedFuture(new ServerFailure.LogUnavailable(error.getMessage()))).map(segments -> {
      long bytes = 0;
      long lines = 0;
      for (LogFiles.Segment segment : segments) {
        bytes += segment.bytes();
        lines += segment.lines();
        if (segment.torn() > 0) {
          space.tornRecords.increment();
          LOG.warn("data log: the last record of {} was torn (the server stopped while writing it): {} bytes cut; "
              + "its lines were never forwarded nor acknowledged", segment.path(), segment.torn());
        }
      }
      space.recovered(bytes);
      if (!segments.isEmpty()) {
        LOG.info("data log {}: {} segments hold records not acknowledged before ({} lines, some may have been "
            + "acknowledged): delivering them again; the monitor drops the lines it has seen", dir, segments.size(), lines);
      }
      return segments;
    });
  }

  private Future<JsonObject> setParams(JsonObject changes) {
    if (listeners.busy()) {
      return Future.failedFuture(Failure.CONFLICT.error("the server is running on " + params.host() + ":" + params.port()
          + ": stop it with 'server stop' before changing its params"));
    }
    params = params.with(changes);
    LOG.info("server params now {}", params.toJson().encode());
    if (startFailure != null && state.is(NodeState.DEGRADED)) {
      ServerParams now = params;
      return startFailure.seenFrom(vertx, now).map(failure -> {
        state.set(NodeState.degraded(failure.reason()));
        return now.toJson();
      });
    }
    return Future.succeededFuture(params.toJson());
  }

  private Future<JsonObject> startServer() {
    // unique across the node's starts (the clock) and across nodes (the random part): the monitor
    // drops lines it has seen by (connection id, seq), and a restart delivers logged lines again
    String runId = Long.toString(System.currentTimeMillis(), 36)
        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36, 36 * 36 * 36), 36);
    AtomicInteger instance = new AtomicInteger();
    ServerParams listening = params;
    return listeners.start(() -> recoverLog().compose(leftover -> vertx.deployVerticle(
                () -> {
                  int number = instance.incrementAndGet();
                  return new TcpIngestVerticle(listening, stats, space, runId, number, number == 1 ? leftover : List.of());
                },
                new DeploymentOptions().setInstances(listening.instances())))
            .recover(error -> {
              startFailure = ServerFailure.Start.of(listening, error);
              String reason = startFailure.reason();
              LOG.error(reason);
              state.set(NodeState.degraded(reason));
              return Future.failedFuture(Failure.CONFLICT.error(reason));
            }),
            "the server is already running on " + params.host() + ":" + params.port() + ": stop it first with 'server stop'")
        .map(v -> {
          LOG.info("server listening on {}:{}{} with {} instance(s), lines up to {} bytes, up to {} connections, durability {}{}",
              listening.host(), listening.port(), listening.ackPort() > 0 ? " (ack port " + listening.ackPort() + ")" : "",
              listening.instances(), listening.maxLineBytes(), listening.maxConnections(), space.settings().durability().label(),
              space.settings().logs() ? " (data log " + space.settings().dir() + ")" : "");
          state.set(NodeState.ready());
          checkLog(); // a log that was full or failing before the start still is
          return status();
        });
  }

  /** Stops the server; a server that could not listen ({@code degraded}) stops trying, and is {@code idle} too. */
  private Future<JsonObject> stopServer() {
    if (!listeners.running() && state.is(NodeState.DEGRADED)) {
      LOG.info("server on {}:{} no longer waits to listen: stopped with 'server stop'", params.host(), params.port());
      state.set(NodeState.idle(STOPPED));
      return Future.succeededFuture(status());
    }
    return listeners.stop("the server is not running: start it with 'server start'")
        .map(v -> {
          LOG.info("server on {}:{} stopped", params.host(), params.port());
          state.set(NodeState.idle(STOPPED));
          checkLog(); // a stopped server's log has no problem to show
          return status();
        });
  }
}
