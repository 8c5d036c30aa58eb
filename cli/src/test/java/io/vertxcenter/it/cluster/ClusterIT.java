package io.vertxcenter.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real nodes in separate JVMs, from the built jar, forming one Hazelcast cluster on loopback. */
class ClusterIT {
  @Test
  @DisplayName("nodes form one cluster, a node killed with -9 leaves the registry within 5 s, SIGTERM exits 0")
  void clusterLifecycle() {
    try (TestCluster nodes = TestCluster.withServer()) {
      NodeProcess server = nodes.node("server").process();
      NodeProcess monitor = nodes.node("monitor", Role.MONITOR).start();
      NodeProcess client = nodes.node("client", Role.CLIENT).start();
      NodeProcess worker = nodes.node("worker", Role.WORKER).withWorkers(2).start();
      List.of(monitor, client, worker).forEach(NodeProcess::awaitReady);

      JsonObject status = clusterStatus(nodes.bridge());
      assertEquals(nodes.name(), status.getString("cluster"));
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
      nodes.awaitNodes(Set.of(server.pid(), monitor.pid(), client.pid()), Duration.ofSeconds(5));
      long goneMs = (System.nanoTime() - killedAt) / 1_000_000;
      System.out.println("killed worker left the registry after " + goneMs + " ms");

      for (NodeProcess node : List.of(client, monitor, server)) {
        assertEquals(0, node.stop(Duration.ofSeconds(30)), "exit status after SIGTERM:\n" + node.output());
      }
    }
  }

  private static JsonObject clusterStatus(String bridge) {
    NodeProcess.Result result = NodeProcess.run(List.of("cluster", "status", "--json", "--cluster", bridge), Duration.ofSeconds(30));
    assertEquals(0, result.exitCode(), result.output());
    return result.json();
  }
}
