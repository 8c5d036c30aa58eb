package io.vertxcenter.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.common.Role;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
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
    try (ServerSocket taken = TestPorts.occupied(); TestCluster cluster = new TestCluster()) {
      NodeProcess node = cluster.node("node", Role.parseList(roles).toArray(Role[]::new)).withBridgePort(taken.getLocalPort()).start();
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
