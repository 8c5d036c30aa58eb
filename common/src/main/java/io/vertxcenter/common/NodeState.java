package io.vertxcenter.common;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * What a node's registry entry says about whether it serves ({@link NodeInfo#state()}), and why
 * when it does not. A role that may not serve (the server, whose port may be taken) keeps its own
 * state and gives it in its {@code status} reply; the node asks its roles for it
 * ({@link RoleReplies}) and combines their states ({@link #of}).
 *
 * @param state  {@link #READY}, {@link #DEGRADED} or {@link #IDLE}
 * @param reason why the node is not ready and what to do, one line; null when ready
 */
public record NodeState(String state, String reason) {
  /** Every role serves: the server, if the node has one, listens. */
  public static final String READY = "ready";
  /**
   * The node is up and answers commands, but a role cannot do its job: the server could not bind
   * its port. Lasts until a {@code server start} succeeds.
   */
  public static final String DEGRADED = "degraded";
  /**
   * The node is up and answers commands; its server was stopped on purpose ({@code server stop}).
   * Not degraded: nothing is wrong, and {@code server start} makes it ready again.
   */
  public static final String IDLE = "idle";

  /** A ready node: no reason. */
  public static NodeState ready() {
    return new NodeState(READY, null);
  }

  /** A node that cannot serve; {@code reason} says why and what to do. */
  public static NodeState degraded(String reason) {
    return new NodeState(DEGRADED, reason);
  }

  /** A node whose server was stopped on purpose; {@code reason} says how to start it again. */
  public static NodeState idle(String reason) {
    return new NodeState(IDLE, reason);
  }

  /**
   * The state of a node whose roles are in {@code states}: degraded if any is (its reasons joined
   * with {@code "; "}), else idle if any is, else ready.
   */
  public static NodeState of(Collection<NodeState> states) {
    for (String worst : new String[] {DEGRADED, IDLE}) {
      String reasons = states.stream().filter(s -> worst.equals(s.state())).map(NodeState::reason)
          .filter(reason -> reason != null).collect(Collectors.joining("; "));
      if (states.stream().anyMatch(s -> worst.equals(s.state()))) {
        return new NodeState(worst, reasons.isEmpty() ? null : reasons);
      }
    }
    return ready();
  }

  /** {@code {state, reason}}, the reason left out when there is none. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("state", state);
    return reason == null ? json : json.put("reason", reason);
  }

  /** The {@code state} and {@code reason} of a JSON object (a role's status, a state message); ready when it has no state. */
  public static NodeState fromJson(JsonObject json) {
    return new NodeState(json.getString("state", READY), json.getString("reason"));
  }
}
