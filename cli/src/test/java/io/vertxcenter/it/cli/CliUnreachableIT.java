package io.vertxcenter.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exit status 3: a cluster that is not there, a bridge that never answers, a role no node has. */
class CliUnreachableIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final TestCluster CLUSTER = new TestCluster();
  private static String bridge;

  @BeforeAll
  static void startClientOnlyCluster() {
    TestCluster.Node clientOnly = CLUSTER.node("client", Role.CLIENT).withBridge();
    clientOnly.start().awaitReady();
    bridge = clientOnly.bridge();
  }

  @AfterAll
  static void stopCluster() {
    CLUSTER.close();
  }

  @Test
  @DisplayName("a role no node has exits 3 and says how to start one")
  void missingRole() {
    for (List<String> command : List.of(List.of("server", "status"), List.of("workers", "scale", "2"),
        List.of("monitor", "tail", "--count", "1"))) {
      NodeProcess.Result result = run(command, bridge);
      assertEquals(3, result.exitCode(), result.output());
      String role = command.get(0).equals("workers") ? "worker" : command.get(0);
      assertTrue(result.output().contains("error: no " + role + " node in the cluster: start one with 'center node --roles "
          + role + "' or 'center up'"), result.output());
    }
  }

  @Test
  @DisplayName("no cluster at the address: exit 3 with what to do, fast")
  void noCluster() {
    long started = System.nanoTime();
    NodeProcess.Result result = run(List.of("server", "status"), "127.0.0.1:" + NodeProcess.freePort());
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(3, result.exitCode(), result.output());
    assertTrue(result.output().contains("cannot reach the cluster at 127.0.0.1:") && result.output().contains("center up -d"),
        result.output());
    System.out.println("unreachable cluster: exit 3 after " + tookMs + " ms, JVM start included");
  }

  @Test
  @DisplayName("a cluster name that does not resolve: exit 3, saying so, with advice to check the name, not to start a cluster")
  void unresolvedName() {
    NodeProcess.Result result = run(List.of("cluster", "status"), "nonexistent.invalid:48700");
    assertEquals(3, result.exitCode(), result.output());
    assertTrue(result.output().contains("error: cannot reach the cluster at nonexistent.invalid:48700 (the name 'nonexistent.invalid' "
        + "does not resolve): check the host name given with --cluster or CENTER_CLUSTER"), result.output());
  }

  @Test
  @DisplayName("a bridge that accepts but never answers: unreachable (3) when the connection opens, within 5.5 s")
  void silentBridge() throws IOException {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = TestPorts.occupied()) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      long started = System.nanoTime();
      // the connection is accepted, but opening it waits for the bridge's hello: it fails there, not at the first command
      CliException error = assertThrows(CliException.class,
          () -> ClusterConnection.open(List.of("127.0.0.1:" + silent.getLocalPort()), NodeProcess.TOKEN));
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertEquals(CliException.UNREACHABLE, error.exitCode(), error.getMessage());
      // the only bridge gets a query's 4 s: there is no other to move to
      assertTrue(error.getMessage().contains("(no hello within 4.0 s: a frozen node, or no VertxCenter bridge)"), error.getMessage());
      assertTrue(tookMs <= 5_500, "took " + tookMs + " ms");
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  private static NodeProcess.Result run(List<String> command, String cluster) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--cluster", cluster));
    return NodeProcess.run(args, COMMAND_TIMEOUT);
  }
}
