package io.vertxcenter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-bus mutual TLS between real nodes: a JVM that joins Hazelcast under the cluster's name but
 * has no key material gets no line and cannot command the server; the nodes that have it go on
 * delivering every line.
 */
class EventBusTlsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int LINES = 300;

  @TempDir
  Path tls;
  @RegisterExtension
  final StartedProcesses nodes = new StartedProcesses();

  @Test
  @DisplayName("a node without the key material gets no lines and cannot stop the server; TLS nodes deliver every line")
  void outsiderShutOut() throws Exception {
    Path material = tls.resolve("material");
    NodeProcess.Result certs = NodeProcess.run(List.of("certs", material.toString()), TIMEOUT);
    assertEquals(0, certs.exitCode(), certs.output());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(material.resolve("node-key.pem"))));

    String clusterName = "it-tls-" + UUID.randomUUID();
    int clusterPort = NodeProcess.freePort();
    int bridge = NodeProcess.freePort();
    int outsiderBridge = NodeProcess.freePort();
    int serverPort = NodeProcess.freePort();
    List<String> cluster = List.of("--cluster-name", clusterName, "--members", "127.0.0.1:" + clusterPort);
    List<String> withTls = List.of("--tls-dir", material.toString());
    node("server", cluster, withTls, "--cluster-port", String.valueOf(clusterPort), "--bridge-port", String.valueOf(bridge),
        "--server-port", String.valueOf(serverPort)).awaitReady();
    NodeProcess monitor = node("monitor", cluster, withTls, "--print", "none").awaitReady();
    node("monitor", cluster, List.of(), "--print", "none", "--bridge-port", String.valueOf(outsiderBridge)).awaitReady();

    try (ClusterConnection inside = ClusterConnection.open(List.of("127.0.0.1:" + bridge), NodeProcess.TOKEN);
        ClusterConnection outside = ClusterConnection.open(List.of("127.0.0.1:" + outsiderBridge), NodeProcess.TOKEN)) {
      List<JsonObject> registry = DataPathNodes.await("3 nodes in the registry", inside::clusterStatus,
              status -> status.getJsonArray("nodes").size() == 3, TIMEOUT)
          .getJsonArray("nodes").stream().map(JsonObject.class::cast).toList();
      String monitorId = idOf(registry, monitor.pid());
      String outsiderId = registry.stream().filter(node -> node.getJsonArray("roles").contains("monitor"))
          .map(node -> node.getString("id")).filter(id -> !id.equals(monitorId)).findFirst().orElseThrow();

      try (LineSocket client = LineSocket.greeted(serverPort)) {
        for (int i = 0; i < LINES; i++) {
          client.send("line " + i + "\n");
        }
        DataPathNodes.await(LINES + " lines at the TLS monitor",
            () -> inside.request(Addresses.nodeRole(monitorId, Role.MONITOR), "status", new JsonObject(), "no monitor"),
            status -> status.getLong("messages") == LINES, TIMEOUT);
      }
      JsonObject outsiderMonitor = outside.request(Addresses.nodeRole(outsiderId, Role.MONITOR), "status", new JsonObject(),
          Duration.ofSeconds(10), "no monitor");
      assertEquals(0, outsiderMonitor.getLong("messages"), "the outsider got lines: " + outsiderMonitor.encode());

      CliException refused = assertThrows(CliException.class, () -> outside.request(Addresses.role(Role.SERVER), "stop",
          new JsonObject(), Duration.ofSeconds(5), "no server"));
      assertEquals(CliException.UNREACHABLE, refused.exitCode(), refused.getMessage());
      JsonObject server = inside.request(Addresses.role(Role.SERVER), "status", new JsonObject(), "no server");
      assertTrue(server.getBoolean("listening"), "the server still runs: " + server.encode());
    }
  }

  private static String idOf(List<JsonObject> registry, long pid) {
    return registry.stream().filter(node -> node.getLong("pid") == pid).map(node -> node.getString("id")).findFirst()
        .orElseThrow(() -> new AssertionError("pid " + pid + " not in " + registry));
  }

  private NodeProcess node(String roles, List<String> cluster, List<String> tls, String... extra) {
    List<String> args = new ArrayList<>(List.of("node", "--roles", roles));
    args.addAll(cluster);
    args.addAll(tls);
    args.addAll(List.of(extra));
    NodeProcess node = nodes.start(roles + (tls.isEmpty() ? " (no TLS)" : ""), args, List.of());
    return node;
  }
}
