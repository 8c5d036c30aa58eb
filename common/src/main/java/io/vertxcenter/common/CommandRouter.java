package io.vertxcenter.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches command messages ({@code {"action": "...", "args": {...}}}) to handlers and turns
 * their results into replies: a JSON object on success, {@code fail(code, text)} on failure.
 */
public final class CommandRouter {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);

  private final String name;
  private final Map<String, Function<JsonObject, Future<JsonObject>>> actions = new LinkedHashMap<>();

  /** @param name what the commands act on, used in error messages ("server", "workers"). */
  public CommandRouter(String name) {
    this.name = name;
  }

  public CommandRouter on(String action, Function<JsonObject, Future<JsonObject>> handler) {
    actions.put(action, handler);
    return this;
  }

  /** Registers a consumer on each address; completes once all are known cluster-wide. */
  public Future<Void> register(Vertx vertx, String... addresses) {
    List<Future<Void>> registrations = new ArrayList<>();
    for (String address : addresses) {
      registrations.add(vertx.eventBus().<JsonObject>consumer(address, this::handle).completion());
    }
    return Future.all(registrations).mapEmpty();
  }

  /** A command message body. */
  public static JsonObject command(String action, JsonObject args) {
    return new JsonObject().put("action", action).put("args", args);
  }

  private void handle(Message<JsonObject> message) {
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    String action = body.getString("action", "");
    Function<JsonObject, Future<JsonObject>> handler = actions.get(action);
    if (handler == null) {
      message.fail(Failure.BAD_REQUEST.code(),
          "unknown " + name + " command '" + action + "': expected one of " + String.join(", ", actions.keySet()));
      return;
    }
    Future<JsonObject> result;
    try {
      result = handler.apply(body.getJsonObject("args", new JsonObject()));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(message::reply).onFailure(error -> {
      if (error instanceof Failure.CommandException command) {
        message.fail(command.failure().code(), command.getMessage());
      } else {
        LOG.error("{} {} failed", name, action, error);
        message.fail(Failure.INTERNAL.code(), name + " " + action + " failed: " + error);
      }
    });
  }
}
