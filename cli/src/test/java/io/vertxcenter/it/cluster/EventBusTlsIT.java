package io.vertxcenter.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-bus mutual TLS between real nodes. The cluster identity includes the certificate, so a JVM
 * of the cluster's name and token with other key material, or with none, never joins the cluster:
 * it gets no line and cannot command the server, and the cluster never round-robins a command or a
 * batch to it (every status answers, no batch is resent).
 */
class EventBusTlsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int LINES = 300;
  private static final int STATUS_CALLS = 10;
  private static final Duration STATUS_SPACING = Duration.ofMillis(300L * ClusterSettings.MERGE_CHECK_SECONDS);

  @TempDir
  Path tls;
  private final TestCluster cluster = new TestCluster();

  @Test
  @DisplayName("nodes with other key material or none never join: 10 of 10 cluster status answer, 300 lines arrive with no resend, outsiders get none and cannot stop the server")
  void outsidersNeverJoin() throws Exception {
    Path material = tls.resolve("material");
    Path otherMaterial = tls.resolve("other");
    for (Path dir : List.of(material, otherMaterial)) {
      NodeProcess.Result certs = NodeProcess.run(List.of("certs", dir.toString()), TIMEOUT);
      assertEquals(0, certs.exitCode(), certs.output());
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(material.resolve("node-key.pem"))));

    TestCluster.Node serverNode = cluster.node("server", Role.SERVER).withTls(material).withBridge();
    int serverPort = serverNode.serverPort();
    NodeProcess server = serverNode.start().awaitReady();
    NodeProcess monitor = cluster.node("monitor", Role.MONITOR).withTls(material).withPrint(PrintMode.NONE).start().awaitReady();
    TestCluster.Node otherTlsNode = cluster.node("monitor (other TLS)", Role.MONITOR).withTls(otherMaterial).withPrint(PrintMode.NONE).withBridge();
    int otherTlsBridge = otherTlsNode.bridgePort();
    NodeProcess otherTls = otherTlsNode.start().awaitReady();
    TestCluster.Node noTlsNode = cluster.node("monitor (no TLS)", Role.MONITOR).withPrint(PrintMode.NONE).withBridge();
    int noTlsBridge = noTlsNode.bridgePort();
    NodeProcess noTls = noTlsNode.start().awaitReady();

    try (cluster; ClusterConnection inside = serverNode.connect()) {
      Set<Long> members = Set.of(server.pid(), monitor.pid());
      // spread over three of Hazelcast's merge checks, in which an outsider would have been merged in
      List<String> failed = new ArrayList<>();
      for (int call = 0; call < STATUS_CALLS; call++) {
        try {
          Set<Long> listed = TestCluster.pids(inside.clusterStatus());
          if (!listed.equals(members)) {
            failed.add("call " + call + " listed " + listed);
          }
        } catch (CliException e) {
          failed.add("call " + call + ": " + e.getMessage());
        }
        LockSupport.parkNanos(STATUS_SPACING.toNanos());
      }
      int answered = STATUS_CALLS - failed.size();
      assertEquals(List.of(), failed, "only the nodes with the key material, every time");
      String monitorId = idOf(inside.clusterStatus().getJsonArray("nodes").stream().map(JsonObject.class::cast).toList(), monitor.pid());

      // the server node's first event-bus connection to the monitor (a TLS handshake, timed and printed) is
      // opened by a status request, so that a resend below could only be a batch sent to an outsider
      long connectStart = System.nanoTime();
      inside.request(Addresses.nodeRole(monitorId, Role.MONITOR), "status", new JsonObject(), "no monitor");
      long firstRequestMs = (System.nanoTime() - connectStart) / 1_000_000;
      long sendStart = System.nanoTime();
      try (LineSocket client = LineSocket.greeted(serverPort)) {
        for (int i = 0; i < LINES; i++) {
          client.send("line " + i + "\n");
        }
        TestCluster.await(LINES + " lines at the TLS monitor",
            () -> inside.request(Addresses.nodeRole(monitorId, Role.MONITOR), "status", new JsonObject(), "no monitor"),
            status -> status.getLong("messages") == LINES, TIMEOUT);
      }
      JsonObject serverStatus = inside.request(Addresses.role(Role.SERVER), "status", new JsonObject(), "no server");
      System.out.printf("TLS: %d of %d cluster status answered; first request to the monitor %d ms; %d lines arrived in %d ms,"
          + " %d resent%n", answered, STATUS_CALLS, firstRequestMs, LINES, (System.nanoTime() - sendStart) / 1_000_000, serverStatus.getLong("resent"));
      assertEquals(0, serverStatus.getLong("resent"), "no batch went to an outsider: " + serverStatus.encode());

      for (int outsiderBridge : new int[] {otherTlsBridge, noTlsBridge}) {
        try (ClusterConnection outside = ClusterConnection.open(List.of("127.0.0.1:" + outsiderBridge), NodeProcess.TOKEN)) {
          long outsiderPid = outsiderBridge == otherTlsBridge ? otherTls.pid() : noTls.pid();
          assertEquals(Set.of(outsiderPid), TestCluster.pids(outside.clusterStatus()), "an outsider is a cluster of its own");
          JsonObject outsiderMonitor = outside.request(Addresses.role(Role.MONITOR), "status", new JsonObject(), "no monitor");
          assertEquals(0, outsiderMonitor.getLong("messages"), "the outsider got lines: " + outsiderMonitor.encode());
          assertThrows(CliException.class, () -> outside.request(Addresses.role(Role.SERVER), "stop",
              new JsonObject(), Duration.ofSeconds(5), "no server"));
        }
      }
      JsonObject after = inside.request(Addresses.role(Role.SERVER), "status", new JsonObject(), "no server");
      assertTrue(after.getBoolean("listening"), "the server still runs: " + after.encode());
    }
  }


  private static String idOf(List<JsonObject> registry, long pid) {
    return registry.stream().filter(node -> node.getLong("pid") == pid).map(node -> node.getString("id")).findFirst()
        .orElseThrow(() -> new AssertionError("pid " + pid + " not in " + registry));
  }
}
