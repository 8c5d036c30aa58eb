package io.vertxcenter.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The happy paths of the role commands, through the CLI as a user types them, against a real
 * cluster of separate JVMs: server (with the bridge), monitor, client and worker nodes.
 */
class CliCommandsIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster();
    cluster.node("server", Role.SERVER).withBridge();
    cluster.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL);
    cluster.node("client", Role.CLIENT);
    cluster.node("worker", Role.WORKER);
    cluster.start();
    cluster.awaitNodes(4, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  @DisplayName("server stop, params set, start: the server listens on the new port and refuses changes while running")
  void serverLifecycle() {
    JsonObject stopped = node(center("server", "stop", "--json"));
    assertFalse(stopped.getBoolean("listening"), stopped.encode());
    assertFailed(center("server", "stop"), "not running");

    int port = NodeProcess.freePort();
    JsonObject params = node(center("server", "params", "set", "port=" + port, "maxConnections=50", "--json"));
    assertEquals(port, params.getInteger("port"));
    assertEquals(50, params.getInteger("maxConnections"));
    assertEquals(port, node(center("server", "params", "--json")).getInteger("port"));

    JsonObject started = node(center("server", "start", "--json"));
    assertTrue(started.getBoolean("listening"), started.encode());
    assertEquals(port, started.getInteger("port"));
    try (LineSocket socket = LineSocket.greeted(port)) {
      socket.send("hello after restart\n");
    }
    assertFailed(center("server", "params", "set", "port=" + NodeProcess.freePort()), "stop");
    assertFailed(center("server", "start"), "already");

    center("server", "stop");
    center("server", "params", "set", "port=" + cluster.serverPort());
    assertTrue(node(center("server", "start", "--json")).getBoolean("listening"));
  }

  @Test
  @DisplayName("client start sends exactly --count lines, which the monitor counts; monitor tail follows the stream")
  void clientAndMonitor() throws InterruptedException {
    long before = node(center("monitor", "status", "--json")).getLong("messages");
    JsonObject started = node(center("client", "start", "--port", String.valueOf(cluster.serverPort()),
        "--count", "300", "--rate", "0", "--json-share", "0.5", "--json"));
    assertTrue(started.getBoolean("running"), started.encode());
    JsonObject monitor = TestCluster.await("300 more messages at the monitor", cluster::monitorStatus,
        status -> status.getLong("messages") >= before + 300, Duration.ofSeconds(60));
    assertEquals(before + 300, monitor.getLong("messages"));
    TestCluster.await("the client's run to end", () -> cluster.request(Role.CLIENT, "status", new JsonObject()),
        status -> !status.getBoolean("running"), Duration.ofSeconds(30));
    assertEquals(300, node(center("client", "status", "--json")).getLong("sent"));

    try (NodeProcess tail = NodeProcess.start("tail", List.of("monitor", "tail", "--count", "3",
        "--cluster", cluster.bridge()))) {
      tail.awaitLine(line -> line.startsWith("tailing center.tap"), COMMAND_TIMEOUT);
      node(center("client", "start", "--port", String.valueOf(cluster.serverPort()), "--rate", "20", "--duration", "60", "--json"));
      assertTrue(tail.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "tail did not stop after 3:\n" + tail.output());
      assertEquals(0, tail.process().exitValue(), tail.output());
      assertEquals(3, tail.output().lines().filter(line -> line.startsWith("Received ")).count(), tail.output());
    }
    assertEquals(0, center("client", "stop").exitCode());
  }

  @Test
  @DisplayName("workers scale changes the instance count, in workers status and in the registry")
  void workersScale() {
    JsonObject scaled = node(center("workers", "scale", "3", "--json"));
    assertEquals(3, scaled.getInteger("instances"), scaled.encode());
    assertEquals(3, node(center("workers", "status", "--json")).getInteger("instances"));
    JsonObject worker = center("cluster", "status", "--json").json().getJsonArray("nodes").stream()
        .map(JsonObject.class::cast).filter(entry -> entry.getString("id").startsWith("worker-")).findFirst().orElseThrow();
    assertEquals(3, worker.getJsonObject("verticles").getInteger("worker"), worker.encode());
  }

  private static NodeProcess.Result center(String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--cluster", cluster.bridge()));
    return NodeProcess.run(command, COMMAND_TIMEOUT);
  }

  /** The one node's reply in a role command's JSON output. */
  private static JsonObject node(NodeProcess.Result result) {
    assertEquals(0, result.exitCode(), result.output());
    List<Object> nodes = result.json().getJsonArray("nodes").getList();
    assertEquals(1, nodes.size(), result.output());
    return result.json().getJsonArray("nodes").getJsonObject(0);
  }

  private static void assertFailed(NodeProcess.Result result, String reason) {
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(reason), result.output());
  }
}
