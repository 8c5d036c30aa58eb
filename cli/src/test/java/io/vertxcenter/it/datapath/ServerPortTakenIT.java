package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.it.HttpGet;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A server node whose TCP port is taken, as a real JVM driven by the real CLI: it comes up, says
 * why it does not serve, and the registry lists it {@code degraded} with that reason until a
 * {@code server start} succeeds; a server stopped on purpose is {@code idle}, not degraded. The
 * node's {@code /ready} gives the same reason as its registry entry.
 */
class ServerPortTakenIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration AWAIT = Duration.ofSeconds(60);

  private final TestCluster cluster = new TestCluster();
  private final TestCluster.Node server = cluster.node("server", Role.SERVER).withBridge().withHttp();
  private final int httpPort = server.httpPort();

  @Test
  @DisplayName("port taken: node up, one log line why, listed degraded with the reason; 'server start' once free: ready; 'server stop': idle")
  void degradedUntilStarted() throws IOException {
    int serverPort;
    NodeProcess node;
    try (ServerSocket taken = TestPorts.occupied()) {
      serverPort = taken.getLocalPort();
      node = server.withServerPort(serverPort).start();
      node.awaitReady();
      String why = "the server cannot listen on 127.0.0.1:" + serverPort + " (";
      List<String> logged = node.output().lines().filter(line -> line.contains(why)).toList();
      assertEquals(1, logged.size(), "one line says why:\n" + node.output());
      assertTrue(logged.get(0).contains("ERROR") && logged.get(0).endsWith(
          "free the port, or choose another with 'server params set port=…' and 'server start'"), logged.get(0));
      assertFalse(node.output().contains("\tat "), "no stack trace for a taken port:\n" + node.output());
      node.awaitLine(line -> line.contains(" ready in ") && line.contains(", state degraded: roles"), NodeProcess.START_TIMEOUT);

      JsonObject entry = entry(node);
      assertEquals("degraded", entry.getString("state"), entry.encode());
      String reason = entry.getString("reason");
      assertTrue(reason.startsWith(why), reason);
      assertTrue(logged.get(0).endsWith(reason), "the registry gives the logged reason: " + reason);

      NodeProcess.Result table = center("cluster", "status");
      assertEquals(0, table.exitCode(), table.output());
      assertTrue(table.output().contains(entry.getString("id") + " is degraded: " + reason), table.output());

      assertEquals(reason, serverCheck().getJsonObject("data").getString("reason"), "/ready says what the registry says");
    }
    try (cluster) {
      NodeProcess.Result started = center("server", "start");
      assertEquals(0, started.exitCode(), started.output());
      JsonObject ready = entry(node);
      assertEquals("ready", ready.getString("state"), "listed ready once the server listens: " + ready.encode());
      assertNull(ready.getString("reason"), ready.encode());
      HttpGet.await(httpPort, "/ready", response -> response.status() == 200, AWAIT);
      LineSocket.greeted(serverPort).close();

      NodeProcess.Result stopped = center("server", "stop");
      assertEquals(0, stopped.exitCode(), stopped.output());
      JsonObject idle = entry(node);
      assertEquals("idle", idle.getString("state"), "stopped on purpose is not degraded: " + idle.encode());
      assertEquals("the server was stopped with 'server stop': start it with 'server start'", idle.getString("reason"));
      assertEquals(idle.getString("reason"), serverCheck().getJsonObject("data").getString("reason"));

      assertEquals(0, center("server", "start").exitCode());
      assertEquals("ready", entry(node).getString("state"));
      assertEquals(0, node.stop(Duration.ofSeconds(30)), node.output());
    }
  }

  /** The node's entry in {@code center cluster status --json}. */
  private JsonObject entry(NodeProcess node) {
    return node.entryIn(center("cluster", "status", "--json"));
  }

  /** The {@code server} check of {@code /ready}, which must be failing (503). */
  private JsonObject serverCheck() {
    HttpGet.Response response = HttpGet.get(httpPort, "/ready");
    assertEquals(503, response.status(), response.body());
    return new JsonObject(response.body()).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> "server".equals(check.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no server check: " + response.body()));
  }

  private NodeProcess.Result center(String... args) {
    return NodeProcess.run(List.of(args), List.of("CENTER_CLUSTER=" + server.bridge(),
        "CENTER_HOME=" + System.getProperty("java.io.tmpdir") + "/center-port-taken-it"), COMMAND_TIMEOUT);
  }
}
