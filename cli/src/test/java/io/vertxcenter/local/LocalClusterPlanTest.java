package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.cli.NodeCommand;
import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.node.NodeConfig;
import io.vertxcenter.local.LocalClusterPlan.LocalNode;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.server.Durability;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalClusterPlanTest {

  @Test
  @DisplayName("every node gets its own Hazelcast port and is told of all of them, its own among them")
  void everyNodeKnowsEveryMember() {
    LocalClusterPlan plan = LocalClusterPlan.make(settings(2, TestPorts.freeRange(6), TestPorts.freeRange(6)));
    assertEquals(List.of("server", "monitor", "client", "worker-1", "worker-2"),
        plan.nodes().stream().map(LocalNode::name).toList());
    assertEquals(List.of("server", "monitor", "client", "worker", "worker"),
        plan.nodes().stream().map(LocalNode::roles).toList());
    List<Integer> ports = plan.nodes().stream().map(LocalNode::clusterPort).toList();
    assertEquals(5, ports.stream().distinct().count(), "distinct Hazelcast ports: " + ports);
    String members = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    assertEquals(members, String.join(",", plan.members()));
    for (LocalNode node : plan.nodes()) {
      List<String> command = plan.command(node, false);
      assertEquals(members, after(command, "--members"), node.name());
      assertEquals(String.valueOf(node.clusterPort()), after(command, "--cluster-port"), node.name());
      assertEquals(String.valueOf(node.bridgePort()), after(command, "--bridge-port"), node.name());
    }
  }

  @Test
  @DisplayName("each node's command line, parsed as 'center node', gives the configuration the plan made for it")
  void childCommandLinesParseToThePlan() {
    LocalClusterPlan plan = LocalClusterPlan.make(new LocalClusterSettings(3, 1, "blue", TestPorts.freeRange(6), TestPorts.freeRange(6),
        TestPorts.freeRange(1), 0, Durability.WRITE, 5, TestPorts.freeRange(6), false, 120));
    for (LocalNode node : plan.nodes()) {
      List<String> command = plan.command(node, false);
      CommandLine center = new CommandLine(new NodeCommand());
      center.parseArgs(command.subList(command.indexOf("node") + 1, command.size()).toArray(String[]::new));
      assertEquals(plan.nodeConfig(node), ((NodeCommand) center.getCommand()).config(), node.name());
    }
    NodeConfig client = plan.nodeConfig(plan.nodes().get(2));
    assertEquals(new LoadPlan("127.0.0.1", plan.settings().serverPort(), 1, 5, 0, 0, LoadPlan.DEFAULTS.jsonShare(),
        LoadPlan.DEFAULTS.size(), 0), client.clientLoad());
    assertEquals(3, plan.nodeConfig(plan.nodes().get(3)).workers());
    assertEquals(plan.settings().serverPort(), plan.nodeConfig(plan.nodes().get(0)).server().port());
  }

  @Test
  @DisplayName("a Hazelcast port in use is skipped; a bridge port in use is refused with what to do")
  void portsInUse() throws IOException {
    try (ServerSocket taken = TestPorts.occupied()) {
      LocalClusterPlan plan = LocalClusterPlan.make(settings(1, TestPorts.freeRange(6), taken.getLocalPort()));
      assertTrue(plan.nodes().stream().noneMatch(node -> node.clusterPort() == taken.getLocalPort()), String.join(",", plan.members()));

      CliException refused = assertThrows(CliException.class,
          () -> LocalClusterPlan.make(settings(1, taken.getLocalPort(), TestPorts.freeRange(6))));
      assertEquals("port " + taken.getLocalPort() + " (CLI bridge of server) is in use: free it, "
          + "or choose other ports with --bridge-port", refused.getMessage());
    }
  }

  @Test
  @DisplayName("node JVMs are started with the CLI's real main class (moving it must not break 'up')")
  void mainClassExists() throws ReflectiveOperationException {
    assertEquals(void.class, Class.forName(NodeProcesses.MAIN_CLASS).getMethod("main", String[].class).getReturnType());
  }

  @Test
  @DisplayName("a planned stop goes servers first, then monitors, clients and workers; a node takes the place of its earliest role")
  void stopOrder() {
    assertEquals(List.of(0, 1, 2, 3, 0, 1),
        List.of("server", "monitor", "client", "worker", "worker,server", "monitor,client").stream()
            .map(NodeProcesses::stage).toList());
  }

  private static String after(List<String> command, String flag) {
    return command.get(command.indexOf(flag) + 1);
  }

  /** What {@code up} asks for by default, with these worker nodes and first ports, the server on a free port. */
  private static LocalClusterSettings settings(int workerNodes, int bridgePort, int clusterPortFrom) {
    return new LocalClusterSettings(0, workerNodes, "plan-test", bridgePort, 0, TestPorts.freeRange(1), 0, Durability.WRITE, 1, clusterPortFrom, false, 120);
  }
}
