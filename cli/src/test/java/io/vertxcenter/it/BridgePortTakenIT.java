package io.vertxcenter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.common.TestPorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node whose CLI-bridge port is taken cannot start, and fails once: one error line naming the
 * port and what to do, no stack trace (not Vert.x's "Promise already completed" nor "Already
 * undeployed" from undoing roles still starting), and a non-zero exit.
 */
class BridgePortTakenIT {

  @ParameterizedTest(name = "--roles {0}")
  @ValueSource(strings = {"client", "server,monitor,client"})
  @DisplayName("bridge port taken: one error line naming the port and what to do, no stack trace, exit non-zero")
  void failsOnce(String roles) throws IOException {
    int clusterPort = NodeProcess.freePort();
    try (ServerSocket taken = TestPorts.occupied();
        NodeProcess node = NodeProcess.start("node", List.of("node", "--roles", roles,
            "--cluster-name", "it-" + UUID.randomUUID(), "--cluster-port", String.valueOf(clusterPort),
            "--members", "127.0.0.1:" + clusterPort, "--server-port", String.valueOf(NodeProcess.freePort()),
            "--bridge-port", String.valueOf(taken.getLocalPort())))) {
      int exit = node.awaitExit("the node exiting", NodeProcess.START_TIMEOUT);
      String output = node.output();

      assertNotEquals(0, exit, output);
      List<String> errors = output.lines().filter(line -> line.contains(" ERROR ")).toList();
      assertEquals(1, errors.size(), "one error line:\n" + output);
      assertTrue(errors.get(0).endsWith("could not start: cannot serve the CLI bridge on 127.0.0.1:" + taken.getLocalPort()
          + " (Address already in use): choose another port with --bridge-port, or stop what uses it"), errors.get(0));
      assertFalse(output.contains("\tat ") || output.contains("Exception"), "no stack trace, no exception:\n" + output);
    }
  }
}
