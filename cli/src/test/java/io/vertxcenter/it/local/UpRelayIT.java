package io.vertxcenter.it.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code center up} in the foreground, which relays its nodes' output: client text reaches the terminal escaped. */
class UpRelayIT {
  /** Consecutive ports {@code center up} may give its nodes (bridge, cluster): a few more than its nodes. */
  private static final int UP_PORTS = 10;
  private static final Duration DELIVERY = Duration.ofSeconds(120);

  @TempDir
  Path home;

  /** A failed test must not leave its cluster running: 'down' stops whatever the state file names. */
  @AfterEach
  void downLeftovers() {
    if (Files.exists(home.resolve("cluster.json"))) {
      NodeProcess.run(List.of("down"), List.of("CENTER_HOME=" + home), Duration.ofSeconds(60));
    }
  }

  @Test
  @DisplayName("'up' relays a client's ESC, CR, BEL and C1 characters escaped: no raw control reaches the terminal, no line is forged")
  void relaysEscaped() throws IOException {
    int serverPort = NodeProcess.freePort();
    List<String> args = new ArrayList<>(List.of("up", "--worker-nodes", "0", "--client-rate", "0",
        "--cluster-name", "it-relay-" + ProcessHandle.current().pid(), "--server-port", String.valueOf(serverPort)));
    args.addAll(NodeProcess.upPortFlags(NodeProcess.freePortRange(UP_PORTS), UP_PORTS));
    try (NodeProcess up = startUp(args)) {
      up.awaitLine(line -> line.contains("streaming node output"), DELIVERY);
      try (LineSocket socket = LineSocket.greeted(serverPort)) {
        socket.send("\u001b[2J\u0007\u009b31m\rReceived String: forged\n");
      }
      up.awaitLine(line -> line.endsWith("Received String: \\x1b[2J\\x07\\x9b31m\\rReceived String: forged"), DELIVERY);
      String output = up.output();
      assertFalse(output.chars().anyMatch(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)), "a raw control:\n" + output);
      assertFalse(output.lines().anyMatch(line -> line.endsWith("| Received String: forged")), "a forged line:\n" + output);
      assertEquals(0, up.stop(Duration.ofSeconds(60)), "up stops its cluster on SIGTERM:\n" + up.output());
    }
  }

  /**
   * Starts {@code center up} from a copy of the jar in this test's directory: its nodes' class
   * archive, written beside the jar when the cluster stops, is then this test's own, and never one
   * that other tests of the build start their nodes from.
   */
  private NodeProcess startUp(List<String> args) throws IOException {
    String sharedJar = NodeProcess.jar();
    Path ownJar = Files.copy(Path.of(sharedJar), home.resolve("center.jar"));
    System.setProperty("center.jar", ownJar.toString());
    try {
      return NodeProcess.start("up", args, List.of("CENTER_HOME=" + home));
    } finally {
      System.setProperty("center.jar", sharedJar);
    }
  }
}
