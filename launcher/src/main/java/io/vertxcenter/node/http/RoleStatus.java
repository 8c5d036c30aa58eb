package io.vertxcenter.node.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;

/** Asks for a {@code status}: of a role on a node, as {@code center <role> status --node} does, or of the cluster. */
final class RoleStatus {
  /** A role that does not answer within this is reported as not answering. */
  static final long TIMEOUT_MS = 2_000;

  private RoleStatus() {}

  /** The status JSON of {@code role} on node {@code nodeId}; fails when the role does not answer in time. */
  static Future<JsonObject> ask(Vertx vertx, String nodeId, Role role) {
    return ask(vertx, Addresses.nodeRole(nodeId, role));
  }

  /** The reply to {@code status} on a command address; fails when nobody answers in time. */
  static Future<JsonObject> ask(Vertx vertx, String address) {
    return vertx.eventBus().<JsonObject>request(address, CommandRouter.command("status", new JsonObject()),
        new DeliveryOptions().setSendTimeout(TIMEOUT_MS)).map(Message::body);
  }
}
