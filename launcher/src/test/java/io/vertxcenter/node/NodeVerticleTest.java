package io.vertxcenter.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.server.ServerParams;
import io.vertxcenter.server.ServerRoleVerticle;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node's own verticle on one real Hazelcast member, with a real server role: nobody tells it the
 * node's state; it asks the role, and the registry (what {@code cluster status} lists) follows.
 */
class NodeVerticleTest {
  private static final String NODE = "server-nodevt";
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  /** A role's change must be in the registry within this with nobody asking: the poll's second, plus room for a loaded machine. */
  private static final Duration UNASKED = Duration.ofMillis(NodeVerticle.POLL_MS + 4_000);

  private OneMember member;

  @BeforeEach
  void startMember() throws Exception {
    member = OneMember.start();
  }

  @AfterEach
  void closeMember() throws Exception {
    member.close();
  }

  @Test
  @DisplayName("listed only once listed, with the state the role gives; a change is in the registry within ~1 s unasked, "
      + "and at once in 'cluster status'; gone when it stops")
  void entryFollowsTheRoles() throws Exception {
    Vertx vertx = member.vertx();
    NodeRegistry registry = member.registry();
    NodeVerticle node = new NodeVerticle(registry, "test", new NodeInfo(NODE, member.manager().getNodeId(), List.of("server"),
        "127.0.0.1", 1, 0, NodeState.READY, Map.of("server", 1), null, null));
    String deployment = within(vertx.deployVerticle(node));
    int serverPort;
    try (ServerSocket taken = TestPorts.occupied()) {
      serverPort = taken.getLocalPort();
      within(vertx.deployVerticle(new ServerRoleVerticle(NODE, ServerParams.DEFAULTS.with(new JsonObject().put("port", serverPort)))));
      assertEquals(List.of(), registry.list(), "not listed while the roles start");
      assertEquals(NodeState.DEGRADED, request(Addresses.node(NODE), "status").getString("state"),
          "'node status' answers meanwhile, with the role's state of now");

      within(node.list());
      NodeInfo degraded = registry.list().get(0);
      assertEquals(NodeState.DEGRADED, degraded.state(), degraded.toString());
      assertTrue(degraded.reason().startsWith("the server cannot listen on 127.0.0.1:" + serverPort + " ("), degraded.reason());
    }

    request(Addresses.nodeRole(NODE, Role.SERVER), "start");
    long started = System.nanoTime();
    NodeInfo ready = Eventually.await("the entry ready, nobody asking", () -> registry.list().get(0),
        entry -> NodeState.READY.equals(entry.state()), UNASKED);
    System.out.printf("NodeVerticleTest: the registry showed the server's start %d ms after it%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertNull(ready.reason(), ready.toString());

    request(Addresses.nodeRole(NODE, Role.SERVER), "stop");
    JsonObject idle = request(Addresses.CLUSTER, "status").getJsonArray("nodes", new JsonArray()).getJsonObject(0);
    assertEquals(NodeState.IDLE, idle.getString("state"), "'cluster status' asks the roles of the node it is asked on: " + idle);
    assertEquals("the server was stopped with 'server stop': start it with 'server start'", idle.getString("reason"));

    within(vertx.undeploy(deployment));
    assertEquals(List.of(), registry.list(), "out of the registry once stopped");
    request(Addresses.nodeRole(NODE, Role.SERVER), "start");
    // an absence: nothing to await; two polls' time for a put that should not come
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2 * NodeVerticle.POLL_MS));
    assertEquals(List.of(), registry.list(), "a stopped node's poll puts nothing back");
  }

  private JsonObject request(String address, String action) {
    return within(member.vertx().eventBus().<JsonObject>request(address, CommandRouter.command(action, new JsonObject())).map(Message::body));
  }

  private static <T> T within(Future<T> future) {
    try {
      return future.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer within " + DEADLINE + ": " + e, e);
    }
  }
}
