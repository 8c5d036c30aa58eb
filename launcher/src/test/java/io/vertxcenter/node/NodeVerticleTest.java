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
  /**
   * A role's change must be in the registry within this with nobody asking: at once (the role tells
   * the node), plus room for a loaded machine. Nothing else would ask the roles.
   */
  private static final Duration UNASKED = Duration.ofSeconds(5);
  /**
   * An entry the other side of a split removed must be back within this once a member joins: the
   * join's put, plus room for a loaded machine; well before the safety put.
   */
  private static final Duration HEALED = Duration.ofMillis(NodeVerticle.SAFETY_REPUBLISH_MS / 2);

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
  @DisplayName("listed only once listed, with the state the role gives; a change is in the registry at once unasked, "
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
    // an absence: nothing to await; time for a put that should not come
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
    assertEquals(List.of(), registry.list(), "a stopped node puts nothing back when its role changes");
  }

  @Test
  @DisplayName("an entry the other side of a split removed is put back when a member joins, not only by the slow safety put")
  void entryBackWhenAMemberJoins() throws Exception {
    Vertx vertx = member.vertx();
    NodeInfo entry = new NodeInfo(NODE, member.manager().getNodeId(), List.of(), "127.0.0.1", 1, 0, NodeState.READY,
        Map.of(), null, null);
    // no heal window after the list: only the join's own put can bring the entry back before the safety put
    NodeVerticle node = new NodeVerticle(member.registry(), "test", entry, 0);
    within(vertx.deployVerticle(node));
    within(node.list());
    // what the other side of a split does to a member it dropped, behind the node's back
    member.manager().getHazelcastInstance().getReplicatedMap(NodeRegistry.MAP_NAME).remove(entry.clusterId());
    assertEquals(List.of(), member.registry().list());

    try (OneMember joined = member.joining()) {
      long since = System.nanoTime();
      Eventually.await("the entry back in the joined member's copy", () -> joined.registry().list(),
          listed -> listed.size() == 1 && NODE.equals(listed.get(0).id()), HEALED);
      System.out.printf("NodeVerticleTest: the entry was back %d ms after the member joined%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
      assertEquals(NODE, member.registry().list().get(0).id(), "and in the node's own copy");
    }
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
