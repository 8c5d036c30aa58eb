package io.vertxcenter.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code status} replies of one node's roles, asked at one moment on the node's own event bus,
 * and the node's {@link NodeState} made of them. Each role owns its state and gives it in its
 * status reply ({@code state}, {@code reason}); nobody keeps a copy. The node asks when it needs to
 * know, as vertx-health-check procedures do: for its registry entry (what {@code cluster status}
 * and {@code node status} show) and for its {@code /ready}.
 *
 * @param replies the status reply of each role that answered, in the order asked
 * @param silent  the roles that did not answer in time: not deployed yet, or their event loop is stuck
 */
public record RoleReplies(Map<Role, JsonObject> replies, List<Role> silent) {

  /**
   * Asks each of {@code roles} on node {@code nodeId} for its {@code status}, on this JVM's event
   * bus only (the node's own roles; nothing crosses the cluster).
   *
   * @param timeoutMs how long each role has to answer, in ms (&gt; 0); one that does not is silent
   * @return the replies once every role has answered or timed out; never fails
   */
  public static Future<RoleReplies> ask(Vertx vertx, String nodeId, Collection<Role> roles, long timeoutMs) {
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true).setSendTimeout(timeoutMs);
    Map<Role, Future<Message<JsonObject>>> asked = new LinkedHashMap<>();
    for (Role role : roles) {
      asked.put(role, vertx.eventBus().request(Addresses.nodeRole(nodeId, role), CommandRouter.command("status", new JsonObject()), local));
    }
    return Future.join(new ArrayList<>(asked.values())).otherwiseEmpty().map(v -> {
      Map<Role, JsonObject> replies = new LinkedHashMap<>();
      List<Role> silent = new ArrayList<>();
      asked.forEach((role, reply) -> {
        if (reply.succeeded()) {
          replies.put(role, reply.result().body());
        } else {
          silent.add(role);
        }
      });
      return new RoleReplies(Collections.unmodifiableMap(replies), List.copyOf(silent));
    });
  }

  /** Whether every role asked answered. */
  public boolean complete() {
    return silent.isEmpty();
  }

  /**
   * The node's state over the roles that answered ({@link NodeState#of}): a reply without a
   * {@code state} (the worker's) counts as ready.
   */
  public NodeState state() {
    return NodeState.of(replies.values().stream().map(NodeState::fromJson).toList());
  }

  /**
   * Asks one node's roles one question at a time: whoever asks while a question is out gets its
   * answer, so two checks of one moment ({@code /ready}'s) or a burst of changes cost one question.
   * Use it on one context (the verticle's event loop).
   */
  public static final class OneAtATime {
    private final Vertx vertx;
    private final String nodeId;
    private final Collection<Role> roles;
    private final long timeoutMs;
    private Future<RoleReplies> out;

    /** The question {@link RoleReplies#ask} asks, with these arguments. */
    public OneAtATime(Vertx vertx, String nodeId, Collection<Role> roles, long timeoutMs) {
      this.vertx = vertx;
      this.nodeId = nodeId;
      this.roles = roles;
      this.timeoutMs = timeoutMs;
    }

    /**
     * The replies to the question out, or to a new one when none is. A listener added to a new
     * question runs after the question is no longer out ({@link #asking()} false). Never fails.
     */
    public Future<RoleReplies> ask() {
      Future<RoleReplies> question = out;
      if (question == null) {
        question = RoleReplies.ask(vertx, nodeId, roles, timeoutMs);
        out = question;
        question.onComplete(done -> out = null); // at once when there is no role to ask
      }
      return question;
    }

    /** Whether a question is out. */
    public boolean asking() {
      return out != null;
    }
  }
}
