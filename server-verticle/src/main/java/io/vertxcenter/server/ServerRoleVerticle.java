package io.vertxcenter.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleRun;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server role of a node: answers the server commands and runs the TCP server as
 * {@code instances} {@link TcpIngestVerticle}s sharing one port. It starts listening with the node;
 * a port that cannot be bound is logged and the node comes up anyway, so {@code server start} can
 * try again after {@code server configure}.
 *
 * <p>When the role stops (its node stops, or it is undeployed), its TCP server instances are
 * undeployed first, each delivering what it has read (see {@link TcpIngestVerticle}); then it logs
 * {@code final counts: received=N forwarded=N acked=N dropped=N}.
 */
public class ServerRoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRoleVerticle.class);

  private final IngestStats stats = new IngestStats();
  private final String nodeId;
  private ServerParams params;
  private RoleRun listeners;

  /**
   * @param nodeId the node this role runs on (its command address)
   * @param params what the TCP server starts with; {@code server params set} changes them later
   */
  public ServerRoleVerticle(String nodeId, ServerParams params) {
    this.nodeId = nodeId;
    this.params = params;
  }

  @Override
  public Future<?> start() {
    listeners = new RoleRun(vertx);
    Future<Void> commands = new CommandRouter("server")
        .on("status", args -> Future.succeededFuture(status()))
        .on("params", args -> Future.succeededFuture(params.toJson()))
        .on("configure", this::configure)
        .on("start", args -> startServer())
        .on("stop", args -> stopServer())
        .register(vertx, Addresses.role(Role.SERVER), Addresses.nodeRole(nodeId, Role.SERVER));
    return commands.onSuccess(v -> startServer());
  }

  /** Runs once the TCP server instances (deployed from this verticle, so its children) have stopped and drained. */
  @Override
  public Future<?> stop() {
    LOG.info(stats.finalCounts());
    return Future.succeededFuture();
  }

  private JsonObject status() {
    return new JsonObject().put("node", nodeId).put("listening", listeners.running())
        .put("host", params.host()).put("port", params.port()).mergeIn(stats.toJson());
  }

  private Future<JsonObject> configure(JsonObject changes) {
    if (listeners.busy()) {
      return Future.failedFuture(Failure.CONFLICT.error("the server is running on " + params.host() + ":" + params.port()
          + ": stop it with 'server stop' before changing its params"));
    }
    params = params.with(changes);
    LOG.info("server params now {}", params.toJson().encode());
    return Future.succeededFuture(params.toJson());
  }

  private Future<JsonObject> startServer() {
    String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    AtomicInteger instance = new AtomicInteger();
    ServerParams listening = params;
    return listeners.start(() -> vertx.deployVerticle(
                () -> new TcpIngestVerticle(listening, stats, runId, instance.incrementAndGet()),
                new DeploymentOptions().setInstances(listening.instances()))
            .recover(error -> {
              String reason = "the server cannot listen on " + listening.host() + ":" + listening.port() + " ("
                  + error.getMessage() + "): free the port, or choose another with 'server params set port=…' and 'server start'";
              LOG.error(reason);
              return Future.failedFuture(Failure.CONFLICT.error(reason));
            }),
            "the server is already running on " + params.host() + ":" + params.port() + ": stop it first with 'server stop'")
        .map(v -> {
          LOG.info("server listening on {}:{} with {} instance(s), lines up to {} bytes, up to {} connections",
              listening.host(), listening.port(), listening.instances(), listening.maxLineBytes(), listening.maxConnections());
          return status();
        });
  }

  private Future<JsonObject> stopServer() {
    return listeners.stop("the server is not running: start it with 'server start'")
        .map(v -> {
          LOG.info("server on {}:{} stopped", params.host(), params.port());
          return status();
        });
  }
}
