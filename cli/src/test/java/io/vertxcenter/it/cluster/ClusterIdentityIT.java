package io.vertxcenter.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clusters of one name on one machine, each from its own {@code CENTER_HOME} with its own
 * token, and member lists that name each other's Hazelcast ports (as when one cluster's node died
 * and the other took its port): they never become one, and each cluster's lines stay in it.
 */
class ClusterIdentityIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  /** Two of Hazelcast's merge checks ({@link ClusterSettings#MERGE_CHECK_SECONDS}) and then some. */
  private static final Duration MERGE_WINDOW = Duration.ofSeconds(3L * ClusterSettings.MERGE_CHECK_SECONDS);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int LINES = 200;

  @TempDir
  static Path homes;
  /** Both clusters: the same name, and the same three member ports in every node's member list. */
  private static final TestCluster BOTH = new TestCluster(3);
  private static int bridgeA;
  private static int bridgeB;
  private static final ClusterToken tokenA = ClusterToken.of("token-a-" + UUID.randomUUID());
  private static final ClusterToken tokenB = ClusterToken.of("token-b-" + UUID.randomUUID());
  private static NodeProcess serverNodeA;
  private static NodeProcess monitorA;
  private static NodeProcess monitorB;

  @BeforeAll
  static void startBoth() {
    TestCluster.Node server = node("A server", tokenA, "a", Role.SERVER).withBridge();
    bridgeA = server.bridgePort();
    serverNodeA = server.start().awaitReady();
    monitorA = node("A monitor", tokenA, "a", Role.MONITOR).withPrint(PrintMode.NONE).start().awaitReady();
    TestCluster.Node otherMonitor = node("B monitor", tokenB, "b", Role.MONITOR).withPrint(PrintMode.NONE).withBridge();
    bridgeB = otherMonitor.bridgePort();
    monitorB = otherMonitor.start().awaitReady();
  }

  @AfterAll
  static void stopAll() {
    BOTH.close();
  }

  @Test
  @DisplayName("same name, other token and CENTER_HOME, member lists naming each other: never one cluster; 200 lines all at A's monitor, none at B's")
  void neverMerge() throws Exception {
    try (ClusterConnection a = ClusterConnection.open(List.of("127.0.0.1:" + bridgeA), tokenA);
        ClusterConnection b = ClusterConnection.open(List.of("127.0.0.1:" + bridgeB), tokenB)) {
      Set<Long> pidsA = Set.of(serverNodeA.pid(), monitorA.pid());
      TestCluster.await("A's two nodes in A's registry", a::clusterStatus, status -> TestCluster.pids(status).equals(pidsA), TIMEOUT);
      // a merge would come within a merge check of both being up: none may come in the window
      long end = System.nanoTime() + MERGE_WINDOW.toNanos();
      while (System.nanoTime() < end) {
        assertEquals(pidsA, TestCluster.pids(a.clusterStatus()), "A's registry");
        assertEquals(Set.of(monitorB.pid()), TestCluster.pids(b.clusterStatus()), "B's registry");
        LockSupport.parkNanos(POLL.toNanos());
      }
      JsonObject statusA = a.clusterStatus();
      assertEquals(BOTH.name(), statusA.getString("cluster"), "the human name is shown, not the Hazelcast one");

      try (LineSocket client = LineSocket.greeted(BOTH.serverPort())) {
        for (int i = 0; i < LINES; i++) {
          client.send("line " + i + "\n");
        }
        TestCluster.await(LINES + " lines at A's monitor", () -> monitorStatus(a), status -> status.getLong("messages") >= LINES, TIMEOUT);
      }
      assertEquals(LINES, monitorStatus(a).getLong("messages"));
      assertEquals(0, monitorStatus(b).getLong("messages"), "B's monitor showed A's lines");
      assertEquals(Set.of(monitorB.pid()), TestCluster.pids(b.clusterStatus()), "B's registry");
    }
  }

  @Test
  @DisplayName("'up' whose cluster ports reach a live cluster's refuses with one error line and starts nothing")
  void upRefusesOverLiveCluster() throws Exception {
    Path home = homes.resolve("c");
    int bridge = NodeProcess.freePortRange(5);
    int seedPort = BOTH.nodes().get(0).clusterPort();
    NodeProcess.Result up = NodeProcess.run(List.of("up", "-d", "--cluster-name", BOTH.name(), "--cluster-port", String.valueOf(seedPort),
            "--bridge-port", String.valueOf(bridge), "--server-port", String.valueOf(NodeProcess.freePort()), "--ack-port", "0", "--http-port", "0"),
        List.of("CENTER_HOME=" + home, "CENTER_TOKEN="), TIMEOUT);
    assertEquals(1, up.exitCode(), up.output());
    List<String> lines = up.output().lines().filter(line -> !line.isBlank()).toList();
    assertEquals(1, lines.size(), up.output());
    assertTrue(lines.get(0).startsWith("error: another cluster already answers on port " + seedPort), up.output());
    assertFalse(Files.exists(home.resolve("cluster.json")), "nothing started");
  }

  private static JsonObject monitorStatus(ClusterConnection connection) {
    return connection.request(Addresses.role(Role.MONITOR), "status", new JsonObject(), "no monitor");
  }


  /** A node of one of the two clusters: its own home and token. */
  private static TestCluster.Node node(String name, ClusterToken token, String home, Role role) {
    return BOTH.node(name, role).withEnv("CENTER_HOME=" + homes.resolve(home), "CENTER_TOKEN=" + token.value());
  }
}
