package io.vertxcenter.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Drives a client role deployed in a test's Vert.x as the CLI does, over its bus commands, and waits
 * for conditions with a deadline ({@link #DEADLINE}); a wait that runs out fails with the client's
 * status and what the test adds ({@code detail}).
 */
final class ClientRoleProbe {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final String node;
  private final Supplier<String> detail;

  /**
   * @param node   the node id the role was deployed with
   * @param detail what a failed wait adds to the client's status, e.g. the lines a sink counted
   */
  ClientRoleProbe(Vertx vertx, String node, Supplier<String> detail) {
    this.vertx = vertx;
    this.node = node;
    this.detail = detail;
  }

  /** The reply to the client command {@code action} with {@code args}, sent to this node's client role as the CLI sends it. */
  JsonObject command(String action, JsonObject args) {
    return within(vertx.eventBus().<JsonObject>request(Addresses.nodeRole(node, Role.CLIENT), CommandRouter.command(action, args)),
        "client " + action).body();
  }

  /** {@code client status}. */
  JsonObject status() {
    return command("status", new JsonObject());
  }

  /** Waits until {@code done}, for up to {@link #DEADLINE}; returns the client's status then. */
  JsonObject await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + ": not within " + DEADLINE + "; client status " + status().encode()
          + ", " + detail.get());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return status();
  }

  /** The result of {@code future}, which must complete within {@link #DEADLINE}. */
  static <T> T within(Future<T> future, String what) {
    try {
      return future.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": not done within " + DEADLINE);
    }
  }
}
