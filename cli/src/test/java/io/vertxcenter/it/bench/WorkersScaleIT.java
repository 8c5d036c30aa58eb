package io.vertxcenter.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code workers scale} on a running worker JVM, seen in the registry and in the next bench. */
class WorkersScaleIT {

  @Test
  @DisplayName("scale redeploys a node's task verticles at run time: registry, status and the next Cluster run show the new count")
  void scaleAtRunTime() {
    try (TestCluster cluster = new TestCluster(); ClusterConnection connection = cluster.startNodes(1, Role.WORKER).get(0).connect()) {
      NodeProcess worker = cluster.processes().get(0);
      String nodeId = TestCluster.entry(connection.clusterStatus(), worker.pid()).getString("id");
      String address = Addresses.nodeRole(nodeId, Role.WORKER);

      JsonObject scaled = connection.request(address, "scale", new JsonObject().put("instances", 3), "no worker node " + nodeId);
      assertEquals(3, scaled.getInteger("instances"), scaled.encode());
      assertEquals(nodeId, scaled.getString("node"));

      NodeProcess.Result status = NodeProcess.run(List.of("cluster", "status", "--json", "--cluster", cluster.nodes().get(0).bridge()),
          Duration.ofSeconds(60));
      assertEquals(0, status.exitCode(), status.output());
      JsonObject entry = status.json().getJsonArray("nodes").getJsonObject(0);
      assertEquals(3, entry.getJsonObject("verticles").getInteger("worker"), entry.encode());

      NodeProcess.Result bench = NodeProcess.run(List.of("bench", "--total", "20000", "--rounds", "1", "--modes", "cluster", "--json",
          "--cluster", cluster.nodes().get(0).bridge()), Duration.ofSeconds(120));
      assertEquals(0, bench.exitCode(), bench.output());
      JsonObject clusterMode = bench.json().getJsonArray("modes").getJsonObject(0);
      assertEquals(true, clusterMode.getBoolean("checksumOk"), clusterMode.encode());
      assertEquals(3, clusterMode.getInteger("instances"), "instances that ran chunks: " + clusterMode.encode());

      JsonObject after = connection.request(address, "status", new JsonObject(), "no worker node " + nodeId);
      assertEquals(3, after.getInteger("instances"));
      assertEquals(20_000 + 20_000, after.getLong("tasksDone"), "a warm-up run and one timed round of 20,000 tasks");

      JsonObject down = connection.request(address, "scale", new JsonObject().put("instances", 1), "no worker node " + nodeId);
      assertEquals(1, down.getInteger("instances"));
      assertEquals(1, TestCluster.entry(connection.clusterStatus(), worker.pid()).getJsonObject("verticles").getInteger("worker"));
    }
  }
}
