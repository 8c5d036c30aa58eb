package io.vertxcenter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.connect.ClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real nodes in separate JVMs, from the built jar, forming one Hazelcast cluster on loopback. */
class ClusterIT {
  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    nodes.forEach(NodeProcess::close);
  }

  @Test
  @DisplayName("nodes form one cluster, a node killed with -9 leaves the registry within 5 s, SIGTERM exits 0")
  void clusterLifecycle() {
    String clusterName = "it-" + UUID.randomUUID();
    int clusterPort = NodeProcess.freePort();
    int bridgePort = NodeProcess.freePort();
    List<String> cluster = List.of("--cluster-name", clusterName, "--members", "127.0.0.1:" + clusterPort,
        "--cluster-port", String.valueOf(clusterPort));

    NodeProcess server = node("server", cluster, "--bridge-port", String.valueOf(bridgePort),
        "--server-port", String.valueOf(NodeProcess.freePort())).awaitReady();
    NodeProcess monitor = node("monitor", cluster);
    NodeProcess client = node("client", cluster);
    NodeProcess worker = node("worker", cluster, "--workers", "2");
    List.of(monitor, client, worker).forEach(NodeProcess::awaitReady);

    JsonObject status = clusterStatus(bridgePort);
    assertEquals(clusterName, status.getString("cluster"));
    Map<Long, Set<String>> rolesByPid = status.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(node -> node.getLong("pid"),
            node -> node.getJsonArray("roles").stream().map(String.class::cast).collect(Collectors.toSet())));
    assertEquals(Map.of(server.pid(), Set.of("server"), monitor.pid(), Set.of("monitor"),
        client.pid(), Set.of("client"), worker.pid(), Set.of("worker")), rolesByPid);
    JsonObject workerEntry = status.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(node -> node.getLong("pid") == worker.pid()).findFirst().orElseThrow();
    assertEquals(2, workerEntry.getJsonObject("verticles").getInteger("worker"));
    assertEquals("ready", workerEntry.getString("state"));
    assertTrue(workerEntry.getString("id").startsWith("worker-"), workerEntry.encode());

    worker.process().destroyForcibly();
    long killedAt = System.nanoTime();
    awaitPids(bridgePort, Set.of(server.pid(), monitor.pid(), client.pid()), Duration.ofSeconds(5));
    long goneMs = (System.nanoTime() - killedAt) / 1_000_000;
    System.out.println("killed worker left the registry after " + goneMs + " ms");

    for (NodeProcess node : List.of(client, monitor, server)) {
      assertEquals(0, node.stop(Duration.ofSeconds(30)), "exit status after SIGTERM:\n" + node.output());
    }
  }

  private NodeProcess node(String roles, List<String> cluster, String... extra) {
    List<String> args = new ArrayList<>(List.of("node", "--roles", roles));
    args.addAll(cluster);
    args.addAll(List.of(extra));
    NodeProcess node = NodeProcess.start(roles, args);
    nodes.add(node);
    return node;
  }

  private static JsonObject clusterStatus(int bridgePort) {
    NodeProcess.Result result = NodeProcess.run(
        List.of("cluster", "status", "--json", "--cluster", "127.0.0.1:" + bridgePort), Duration.ofSeconds(30));
    assertEquals(0, result.exitCode(), result.output());
    return result.json();
  }

  /**
   * Polls the registry through the bridge (in this JVM, so a CLI's start-up does not count) until
   * it lists exactly these pids, failing after the deadline.
   */
  private static void awaitPids(int bridgePort, Set<Long> expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<Long> seen;
    try (ClusterConnection connection = ClusterConnection.open(List.of("127.0.0.1:" + bridgePort), NodeProcess.TOKEN)) {
      do {
        seen = connection.clusterStatus().getJsonArray("nodes")
            .stream().map(node -> ((JsonObject) node).getLong("pid")).collect(Collectors.toSet());
        if (seen.equals(expected)) {
          return;
        }
      } while (System.nanoTime() < deadline);
    }
    throw new AssertionError("registry still lists " + seen + " after " + timeout + ", expected " + expected);
  }
}
