package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A server-and-client node as a real JVM driven by the real CLI: {@code client start} with no host
 * or port sends to the server the node was configured for (its {@code --server-port}), not to
 * 127.0.0.1:5000; a client that cannot reach its server makes the node {@code degraded} with the
 * client's reason though its server is ready, and {@code ready} again once the client stops.
 */
class ClientTargetIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration AWAIT = Duration.ofSeconds(60);

  private final TestCluster cluster = new TestCluster();
  private final TestCluster.Node serverClient = cluster.node("server-client", Role.SERVER, Role.CLIENT).withBridge();

  @Test
  @DisplayName("client start with no address sends to the node's --server-port; a client that cannot connect: node degraded with its reason, ready once stopped")
  void clientSendsToConfiguredServerAndReportsUnreachable() {
    int serverPort = serverClient.serverPort();
    int closedPort = NodeProcess.freePort();
    try (cluster) {
      NodeProcess node = serverClient.start().awaitReady();

      JsonObject started = node(center("client", "start", "rate=2000", "connections=4", "--json"));
      assertEquals("127.0.0.1:" + serverPort, started.getString("target"), "the reply names where it sends: " + started.encode());
      await("lines at the node's own server", () -> node(center("server", "status", "--json")).getLong("received") > 0);
      stopClient();

      JsonObject unreachable = node(center("client", "start", "port=" + closedPort, "--json"));
      assertEquals("127.0.0.1:" + closedPort, unreachable.getString("target"));
      JsonObject degraded = await("the node listed degraded", entry -> "degraded".equals(entry.getString("state")), node);
      assertEquals("the client cannot connect to 127.0.0.1:" + closedPort + ": connection refused: it keeps trying; check the "
          + "server, or send elsewhere with 'client stop' and 'client start host=… port=…'", degraded.getString("reason"));
      NodeProcess.Result table = center("cluster", "status");
      assertTrue(table.output().contains(degraded.getString("id") + " is degraded: " + degraded.getString("reason")), table.output());

      stopClient();
      JsonObject ready = await("the node listed ready", entry -> "ready".equals(entry.getString("state")), node);
      assertNull(ready.getString("reason"), ready.encode());
      List<String> warnings = node.output().lines().filter(line -> line.contains(" WARN ") && line.contains(String.valueOf(closedPort))).toList();
      assertEquals(1, warnings.size(), "one WARN when the server became unreachable, not one per retry:\n" + node.output());
      assertFalse(node.output().contains("This Gauge has been already registered"), node.output());
      assertEquals(0, node.stop(Duration.ofSeconds(30)), node.output());
    }
  }

  private void stopClient() {
    NodeProcess.Result stop = center("client", "stop");
    assertEquals(0, stop.exitCode(), stop.output());
  }

  private void await(String what, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + ": not within " + AWAIT);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /** Waits until the node's registry entry matches; returns it. */
  private JsonObject await(String what, Predicate<JsonObject> matches, NodeProcess node) {
    JsonObject[] entry = {null};
    await(what, () -> matches.test(entry[0] = entry(node)));
    return entry[0];
  }

  /** The node's entry in {@code center cluster status --json}. */
  private JsonObject entry(NodeProcess node) {
    return node.entryIn(center("cluster", "status", "--json"));
  }

  /** The one node's reply in a role command's {@code --json} output. */
  private static JsonObject node(NodeProcess.Result result) {
    assertEquals(0, result.exitCode(), result.output());
    return result.json().getJsonArray("nodes").getJsonObject(0);
  }

  private NodeProcess.Result center(String... args) {
    return NodeProcess.run(List.of(args), List.of("CENTER_CLUSTER=" + serverClient.bridge(),
        "CENTER_HOME=" + System.getProperty("java.io.tmpdir") + "/center-client-target-it"), COMMAND_TIMEOUT);
  }
}
