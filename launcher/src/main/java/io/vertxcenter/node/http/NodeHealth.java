package io.vertxcenter.node.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

/**
 * What a node's {@code GET /health} answers, and how a client recognises it: Vert.x health checks'
 * JSON ({@code {"status":"UP","checks":[{"id":"eventLoop","status":"UP","data":{"service":"vertxcenter-node"}}],…}}),
 * one check whose data names the service. {@code center console} asks for it, without the token,
 * before it sends the token to a peer: only a VertxCenter node answers it so.
 */
public final class NodeHealth {
  /** The path, open to all (no token). */
  public static final String PATH = "/health";
  /** The one check's id: the node's event loop answers. */
  static final String CHECK = "eventLoop";
  private static final String SERVICE_FIELD = "service";
  private static final String SERVICE = "vertxcenter-node";

  private NodeHealth() {}

  /** The check's status while the event loop answers: UP, with data naming the service. */
  static Status up() {
    return Status.OK(new JsonObject().put(SERVICE_FIELD, SERVICE));
  }

  /** Whether {@code answer}, the JSON body of a GET {@value #PATH}, is a VertxCenter node's. */
  public static boolean isNodes(JsonObject answer) {
    if (!(answer.getValue("checks") instanceof JsonArray checks)) {
      return false;
    }
    return checks.stream().anyMatch(check -> check instanceof JsonObject json && CHECK.equals(json.getValue("id"))
        && json.getValue("data") instanceof JsonObject data && SERVICE.equals(data.getValue(SERVICE_FIELD)));
  }
}
