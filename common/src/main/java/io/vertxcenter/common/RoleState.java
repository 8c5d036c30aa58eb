package io.vertxcenter.common;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * One role's {@link NodeState}, kept by the role (the one owner of it), which gives it in its
 * {@code status} reply. Each change ({@link #set} with another state or reason) is told to the
 * role's node on {@link Addresses#nodeStateChanged}, on this JVM's event bus only and without the
 * state: the node then asks its roles ({@link RoleReplies}), so nobody keeps a copy and the node
 * wakes only when something changed. Use it on the role's event loop.
 */
public final class RoleState {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  private final Vertx vertx;
  private final String nodeId;
  private NodeState state;

  /**
   * @param nodeId  the node the role runs on: whom a change is told
   * @param initial the state the role starts in; not told (the node asks when it lists itself)
   */
  public RoleState(Vertx vertx, String nodeId, NodeState initial) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.state = initial;
  }

  /** The state now. */
  public NodeState get() {
    return state;
  }

  /** Whether the state now is {@code state} ({@link NodeState#READY}, {@link NodeState#DEGRADED} or {@link NodeState#IDLE}). */
  public boolean is(String state) {
    return state.equals(this.state.state());
  }

  /** Sets the state; tells the node when its state or reason differs from the one before. */
  public void set(NodeState next) {
    if (!next.equals(state)) {
      state = next;
      vertx.eventBus().publish(Addresses.nodeStateChanged(nodeId), null, LOCAL);
    }
  }

  /**
   * Calls {@code changed} (on the caller's context) each time a role of node {@code nodeId} says its
   * state changed.
   *
   * @return the consumer: its {@code completion()} completes once it is registered
   */
  public static MessageConsumer<Void> onChange(Vertx vertx, String nodeId, Runnable changed) {
    return vertx.eventBus().localConsumer(Addresses.nodeStateChanged(nodeId), message -> changed.run());
  }
}
