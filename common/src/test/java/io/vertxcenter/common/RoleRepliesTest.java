package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node's roles asked for their status on the event bus, each answering with its own state, as the role verticles do. */
@ExtendWith(VertxExtension.class)
class RoleRepliesTest {
  private static final String NODE = "server-replies";
  private static final long TIMEOUT_MS = 500;

  @Test
  @DisplayName("every role answers: the node's state is the worst of theirs, a reply without a state (the worker's) counts as ready")
  void stateOfTheReplies(Vertx vertx) throws Exception {
    AtomicReference<NodeState> client = new AtomicReference<>(NodeState.ready());
    role(vertx, Role.SERVER, () -> new JsonObject().put("listening", false).mergeIn(NodeState.idle("stopped").toJson()));
    role(vertx, Role.CLIENT, () -> client.get().toJson());
    role(vertx, Role.WORKER, () -> new JsonObject().put("instances", 2));
    List<Role> roles = List.of(Role.SERVER, Role.CLIENT, Role.WORKER);

    RoleReplies idle = ask(vertx, roles);
    assertTrue(idle.complete(), idle.toString());
    assertEquals(roles, List.copyOf(idle.replies().keySet()), "every reply, in the order asked");
    assertFalse(idle.replies().get(Role.SERVER).getBoolean("listening"), "each role's whole reply");
    assertEquals(NodeState.idle("stopped"), idle.state());

    client.set(NodeState.degraded("the client cannot connect"));
    assertEquals(NodeState.degraded("the client cannot connect"), ask(vertx, roles).state(), "asked again: the state of now");
  }

  @Test
  @DisplayName("a role that does not answer in time is silent, not a failure; the state is made of the others'")
  void silentRole(Vertx vertx) throws Exception {
    role(vertx, Role.MONITOR, () -> NodeState.degraded("the monitor cannot write").toJson());

    long start = System.nanoTime();
    RoleReplies replies = ask(vertx, List.of(Role.SERVER, Role.MONITOR));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertFalse(replies.complete());
    assertEquals(List.of(Role.SERVER), replies.silent());
    assertEquals(NodeState.degraded("the monitor cannot write"), replies.state());
    assertTrue(tookMs < TIMEOUT_MS + 5_000, "bounded by the timeout: " + tookMs + " ms");
  }

  /** A role on {@link #NODE} whose {@code status} answers what {@code status} gives at that moment. */
  private static void role(Vertx vertx, Role role, Supplier<JsonObject> status) throws Exception {
    new CommandRouter(role.label()).on("status", args -> Future.succeededFuture(status.get()))
        .register(vertx, Addresses.nodeRole(NODE, role)).await(10, TimeUnit.SECONDS);
  }

  private static RoleReplies ask(Vertx vertx, List<Role> roles) throws Exception {
    return RoleReplies.ask(vertx, NODE, roles, TIMEOUT_MS).await(10, TimeUnit.SECONDS);
  }
}
