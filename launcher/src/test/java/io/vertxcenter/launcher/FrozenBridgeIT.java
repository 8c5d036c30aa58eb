package io.vertxcenter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A frozen node (SIGSTOP) still has its kernel accept TCP connections to its bridge: the CLI must
 * not take an accepted connection for a working bridge. Real node JVMs; the first is stopped with
 * {@code kill -STOP} and continued in a finally; the CLI is a real one-shot JVM, and a real
 * {@code center shell} fed by a pipe.
 */
class FrozenBridgeIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final List<NodeProcess> processes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    processes.forEach(NodeProcess::close);
  }

  @Test
  @DisplayName("first bridge's node SIGSTOPped: one-shot 'cluster status --cluster first,second' and a fresh shell's first command answer through the second")
  void frozenFirstBridgeIsSkipped() throws Exception {
    String clusterName = "it-frozen-bridge-" + UUID.randomUUID();
    int clusterPort = NodeProcess.freePort();
    String firstBridge = "127.0.0.1:" + NodeProcess.freePort();
    String secondBridge = "127.0.0.1:" + NodeProcess.freePort();
    NodeProcess first = node(clusterName, clusterPort, firstBridge, "--cluster-port", String.valueOf(clusterPort));
    first.awaitReady();
    node(clusterName, clusterPort, secondBridge).awaitReady();
    String bridges = firstBridge + "," + secondBridge;
    String table = "cluster '" + clusterName + "': ";

    signal("STOP", first);
    try {
      NodeProcess.Result oneShot = NodeProcess.run(List.of("cluster", "status", "--cluster", bridges), COMMAND_TIMEOUT);
      assertEquals(0, oneShot.exitCode(), oneShot.output());
      assertTrue(oneShot.output().lines().anyMatch(line -> line.startsWith(table)), oneShot.output());

      NodeProcess shell = NodeProcess.start("shell", List.of("shell", "--cluster", bridges));
      processes.add(shell);
      try (OutputStream stdin = shell.process().getOutputStream()) {
        stdin.write("cluster status\nexit\n".getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(shell.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS), shell.output());
      assertEquals(0, shell.process().exitValue(), shell.output());
      assertTrue(shell.output().lines().anyMatch(line -> line.startsWith(table)), shell.output());
      assertTrue(shell.output().lines().noneMatch(line -> line.startsWith("error:")), shell.output());

      // every bridge fails: the error names each one and why
      NodeProcess.Result none = NodeProcess.run(List.of("cluster", "status", "--cluster", firstBridge + ",127.0.0.1:" + NodeProcess.freePort()),
          COMMAND_TIMEOUT);
      assertEquals(3, none.exitCode(), none.output());
      assertTrue(none.output().contains("cannot reach the cluster at " + firstBridge + " (no answer to a ping within 1.5 s), 127.0.0.1:"),
          none.output());
      assertTrue(none.output().contains("(Connection refused): start one with 'center up -d'"), none.output());
    } finally {
      signal("CONT", first);
    }
  }

  private static void signal(String name, NodeProcess node) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(node.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " failed");
  }

  private NodeProcess node(String clusterName, int clusterPort, String bridge, String... more) {
    List<String> args = new ArrayList<>(List.of("node", "--roles", "monitor", "--print", "none",
        "--cluster-name", clusterName, "--members", "127.0.0.1:" + clusterPort,
        "--bridge-port", bridge.substring(bridge.indexOf(':') + 1)));
    args.addAll(List.of(more));
    NodeProcess process = NodeProcess.start("node " + bridge, args, List.of());
    processes.add(process);
    return process;
  }
}
