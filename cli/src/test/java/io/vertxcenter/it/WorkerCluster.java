package io.vertxcenter.it;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.connect.BridgeLink;
import io.vertxcenter.connect.ClusterConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test support for the bench and workers ITs: worker nodes started from the built jar as separate
 * JVMs, in a cluster of their own (random name, free ports), each serving a CLI bridge.
 */
final class WorkerCluster implements AutoCloseable {
  private final String name = "it-bench-" + UUID.randomUUID();
  private final int clusterPort = NodeProcess.freePort();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<String> bridges = new ArrayList<>();

  /**
   * Starts {@code count} worker nodes with {@code instances} task verticles each and waits until all
   * are ready; when one fails to start, the nodes started so far are stopped before the error goes on
   * (a try-with-resources never gets the cluster to close).
   */
  WorkerCluster start(int count, int instances) {
    try {
      for (int i = 0; i < count; i++) {
        String bridge = "127.0.0.1:" + NodeProcess.freePort();
        nodes.add(NodeProcess.start("worker-" + (nodes.size() + 1), List.of("node", "--roles", "worker",
            "--workers", String.valueOf(instances),
            "--cluster-name", name, "--members", "127.0.0.1:" + clusterPort, "--cluster-port", String.valueOf(clusterPort),
            "--bridge-port", bridge.substring(bridge.indexOf(':') + 1))));
        bridges.add(bridge);
        if (nodes.size() == 1) {
          nodes.get(0).awaitReady(); // the seed first: nodes that start together form clusters of their own
        }
      }
      nodes.forEach(NodeProcess::awaitReady);
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  List<NodeProcess> nodes() {
    return nodes;
  }

  String bridge(int index) {
    return bridges.get(index);
  }

  ClusterConnection connect(int index) {
    return ClusterConnection.open(List.of(bridges.get(index)), NodeProcess.TOKEN);
  }

  /** A link through the bridge of node {@code index} only. */
  BridgeLink link(int index) {
    return new BridgeLink(List.of(bridges.get(index)), NodeProcess.TOKEN);
  }

  /** The registry entry of the node with this pid. */
  JsonObject entry(ClusterConnection connection, long pid) {
    return connection.clusterStatus().getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(node -> node.getLong("pid") == pid).findFirst()
        .orElseThrow(() -> new AssertionError("no node with pid " + pid + " in the registry"));
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::close);
  }
}
