package io.vertxcenter.node.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertxcenter.node.bridge.BridgeAddresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Failure;
import java.time.Duration;
import java.util.Locale;

/**
 * The web console: the page and its scripts from the jar ({@code /}, {@code /webjars/…}), the
 * cluster's snapshots as server-sent events ({@code GET /api/events}, one a second), and the page's
 * actions ({@code POST /api/command}): the same command messages as the CLI's, let through only to
 * the addresses the CLI bridge lets through. Everything under {@code /api/} takes the cluster token
 * or a login session ({@link ConsoleLogin}, mounted first).
 */
final class ConsoleRoutes {
  /** Longest a command may take; {@code workers scale} redeploys verticles, the rest answer at once. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final BridgeAddresses PERMITTED = new BridgeAddresses();
  private static final long MAX_COMMAND_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final ClusterSampler sampler;
  private final String snapshots;

  ConsoleRoutes(Vertx vertx, ClusterSampler sampler, String nodeId) {
    this.vertx = vertx;
    this.sampler = sampler;
    this.snapshots = ClusterSampler.snapshots(nodeId);
  }

  /**
   * Mounts the console's routes, after {@link ConsoleLogin#mount}. A command's type is checked
   * before its body is read, and the body is read into memory only: no upload is ever written to
   * disk, and one over {@value #MAX_COMMAND_BYTES} bytes is refused with 413.
   */
  void mount(Router router) {
    router.get("/api/events").handler(this::events);
    // a route of its own: vertx-web takes no user handler before a body handler on one route
    router.post("/api/command").handler(ConsoleRoutes::jsonOnly);
    router.post("/api/command").handler(BodyHandler.create(false).setBodyLimit(MAX_COMMAND_BYTES)).handler(this::command);
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.get("/*").handler(StaticHandler.create("vertxcenter-console"));
  }

  /** Server-sent events: the latest snapshot at once, then each new one, until the page goes away. */
  private void events(RoutingContext context) {
    HttpServerResponse response = context.response()
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .setChunked(true);
    if (!sampler.latest().isEmpty()) {
      response.write(event(sampler.latest()));
    }
    // a page that does not keep up misses snapshots rather than piling them up here
    MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(snapshots, message -> {
      if (!response.writeQueueFull()) {
        response.write(event(message.body()));
      }
    });
    sampler.watched();
    response.closeHandler(v -> {
      consumer.unregister();
      sampler.unwatched();
    });
  }

  private static String event(JsonObject snapshot) {
    return "data: " + snapshot.encode() + "\n\n";
  }

  /**
   * Only {@code application/json} is taken, checked before the body is read (415 and the connection
   * closed otherwise): another site's page in the user's browser cannot send that without the browser
   * asking this node first (CORS), which it does not allow.
   */
  private static void jsonOnly(RoutingContext context) {
    String type = context.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      ErrorReply.refuse(context, 415, "send the command as Content-Type: application/json");
      return;
    }
    context.next();
  }

  /**
   * {@code {address, action, args}} sent as a command to {@code address}; answers the reply JSON, or
   * {@code {error}} with 400 (not a JSON object with a string address and action: an array, a string,
   * bad JSON), 403 (address not permitted), 404, 409, 500, or 504 (no answer) — the codes of
   * {@link Failure} where the role gave one.
   */
  private void command(RoutingContext context) {
    Object body;
    try {
      Buffer buffer = context.body().buffer();
      body = buffer == null || buffer.length() == 0 ? null : Json.decodeValue(buffer);
    } catch (DecodeException e) {
      body = null;
    }
    if (!(body instanceof JsonObject command) || !(command.getValue("address") instanceof String address)
        || !(command.getValue("action") instanceof String action)) {
      ErrorReply.send(context, 400, "a command is a JSON object {address, action, args}: e.g. {\"address\": \"center.server\", \"action\": \"status\"}");
      return;
    }
    if (!PERMITTED.inbound(address)) {
      ErrorReply.send(context, 403, "address '" + address + "' is not one the console may send to: use the command addresses of"
          + " the cluster, a role, or a node (center.cluster, center.server, center.node.<id>.worker, …)");
      return;
    }
    JsonObject args = command.getValue("args") instanceof JsonObject given ? given : new JsonObject();
    vertx.eventBus().<JsonObject>request(address, CommandRouter.command(action, args),
            new DeliveryOptions().setSendTimeout(COMMAND_TIMEOUT.toMillis()))
        .onSuccess(reply -> context.json(reply.body()))
        .onFailure(failure -> ErrorReply.send(context, status(failure), failure.getMessage()));
  }

  private static int status(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return 404;
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return 504;
    }
    return Failure.of(failure).code();
  }
}
