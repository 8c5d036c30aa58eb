package io.vertxcenter.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The CLI, one-shot and as a shell, against a real cluster of separate JVMs: a server+monitor+worker
 * node that serves the bridge, and two client nodes (commands for a role go to every node with it).
 */
class CliIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final TestCluster CLUSTER = new TestCluster();
  private static String bridge;
  private static String mainNode;
  private static List<String> clientNodes;

  @BeforeAll
  static void startCluster() {
    TestCluster.Node main = CLUSTER.node("server,monitor,worker", Role.SERVER, Role.MONITOR, Role.WORKER).withBridge();
    bridge = main.bridge();
    List<TestCluster.Node> clients = List.of(CLUSTER.node("client-1", Role.CLIENT), CLUSTER.node("client-2", Role.CLIENT));
    CLUSTER.start();

    JsonArray registry = center("cluster", "status", "--json").json().getJsonArray("nodes");
    mainNode = idOf(registry, main.process().pid());
    clientNodes = clients.stream().map(client -> idOf(registry, client.process().pid())).sorted().toList();
  }

  @AfterAll
  static void stopCluster() {
    CLUSTER.close();
  }

  @Test
  @DisplayName("cluster status lists every node, as a table and as JSON")
  void clusterStatus() {
    NodeProcess.Result table = center("cluster", "status");
    assertEquals(0, table.exitCode(), table.output());
    assertTrue(table.output().contains("3 nodes"), table.output());
    for (String id : List.of(mainNode, clientNodes.get(0), clientNodes.get(1))) {
      assertTrue(table.output().contains(id), table.output());
    }
  }

  @Test
  @DisplayName("server, monitor and workers status answer from their node, as a table and as JSON")
  void roleStatus() {
    for (String role : List.of("server", "monitor", "workers")) {
      NodeProcess.Result table = center(role, "status");
      assertEquals(0, table.exitCode(), table.output());
      assertTrue(table.output().startsWith("NODE"), table.output());
      assertTrue(table.output().contains(mainNode), table.output());

      JsonObject json = center(role, "status", "--json").json();
      assertEquals(role.equals("workers") ? "worker" : role, json.getString("role"));
      assertEquals("status", json.getString("action"));
      assertEquals(List.of(mainNode), nodeIds(json));
    }
    JsonObject workers = center("workers", "status", "--json").json().getJsonArray("nodes").getJsonObject(0);
    assertEquals(1, workers.getInteger("instances"), workers.encode());
  }

  @Test
  @DisplayName("a command for a role goes to every node with it, one row each; --node picks one")
  void everyNodeOfARole() {
    NodeProcess.Result table = center("client", "status");
    assertEquals(0, table.exitCode(), table.output());
    List<String> rows = table.output().lines().toList();
    assertEquals(3, rows.size(), table.output());
    assertTrue(rows.get(1).startsWith(clientNodes.get(0)) && rows.get(2).startsWith(clientNodes.get(1)), table.output());

    assertEquals(clientNodes, nodeIds(center("client", "status", "--json").json()));
    assertEquals(List.of(clientNodes.get(1)),
        nodeIds(center("client", "status", "--json", "--node", clientNodes.get(1)).json()));
  }

  @Test
  @DisplayName("an unknown --node id exits 3 listing the known ids; a node without the role exits 3 naming those with it")
  void unknownNode() {
    NodeProcess.Result unknown = center("client", "status", "--node", "client-nope");
    assertEquals(3, unknown.exitCode(), unknown.output());
    assertTrue(unknown.output().contains("no node 'client-nope' in the cluster; known nodes: "), unknown.output());
    assertTrue(unknown.output().contains(mainNode) && unknown.output().contains(clientNodes.get(0)), unknown.output());

    NodeProcess.Result wrongRole = center("server", "status", "--node", clientNodes.get(0));
    assertEquals(3, wrongRole.exitCode(), wrongRole.output());
    assertTrue(wrongRole.output().contains("has no server role; server nodes: " + mainNode), wrongRole.output());
  }

  @Test
  @DisplayName("usage errors exit 2 with one line and a pointer to the help")
  void usageErrors() {
    assertUsageError(center("foo"), "error: unknown command 'foo'; see 'center help'");
    assertUsageError(center("server", "statu"), "error: unknown command 'statu' (did you mean status");
    assertUsageError(center("server"), "error: missing command: expected one of start, stop, status, params");
    assertUsageError(center("server", "status", "--bogus"), "error: unknown option '--bogus'; see 'center server status --help'");
    assertUsageError(center("workers", "scale", "many"),
        "error: invalid value for N: 'many' (instances must be a whole number from 0 to 256); see 'center workers scale --help'");
    assertUsageError(center("workers", "scale", "-1"), "invalid value for N: '-1' (instances must be a whole number from 0 to 256)");
    assertUsageError(center("client", "start", "--json-share", "2"), "invalid value for --json-share: '2' (jsonShare must be a number from 0 to 1)");
    assertUsageError(center("client", "start", "connections=0"),
        "invalid value for KEY=VALUE: 'connections=0' (connections must be a whole number from 1 to 10000)");
    assertUsageError(center("server", "params", "set"), "nothing to set");
    assertUsageError(center("server", "params", "set", "port"),
        "invalid value for KEY=VALUE: 'port' ('port' needs a value: port=N, N a whole number from 1 to 65535)");
  }

  @Test
  @DisplayName("a bad --cluster or CENTER_CLUSTER is a usage error naming it and the port range, not a stack trace")
  void badClusterAddress() {
    String expected = "(expected HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:7000, or several, comma-separated)";
    assertUsageError(center("server", "status", "--cluster", "127.0.0.1:70000"),
        "error: invalid value for --cluster: '127.0.0.1:70000' " + expected);
    assertUsageError(center("--cluster", "127.0.0.1:-1", "server", "status"),
        "error: invalid value for --cluster: '127.0.0.1:-1' " + expected);
    assertUsageError(NodeProcess.run(List.of("server", "status"), List.of("CENTER_CLUSTER=127.0.0.1:65536"), COMMAND_TIMEOUT),
        "error: invalid value in CENTER_CLUSTER (--cluster): '127.0.0.1:65536' " + expected);
  }

  @Test
  @DisplayName("--cluster and --json before the command, as kubectl takes global flags; the command's own flag wins")
  void globalFlags() {
    String nowhere = "127.0.0.1:" + NodeProcess.freePort();
    NodeProcess.Result json = NodeProcess.run(List.of("--json", "--cluster", bridge, "cluster", "status"),
        List.of("CENTER_CLUSTER=" + nowhere), COMMAND_TIMEOUT);
    assertEquals(0, json.exitCode(), json.output());
    assertEquals(3, json.json().getJsonArray("nodes").size(), json.output());

    NodeProcess.Result own = center("--cluster", nowhere, "server", "status", "--cluster", bridge);
    assertEquals(0, own.exitCode(), own.output());
    NodeProcess.Result global = center("--cluster", nowhere, "server", "status");
    assertEquals(3, global.exitCode(), global.output());
    assertTrue(global.output().contains("cannot reach the cluster at " + nowhere), global.output());
    assertUsageError(center("--json", "down"), "error: --json does not apply to 'center down'");
  }

  @Test
  @DisplayName("the shell fed by a pipe runs each line (global flags too), answers an unknown command 'Invalid command: foo!' and the help, and exits 0 after 'exit'")
  void pipedShell() throws Exception {
    try (NodeProcess shell = NodeProcess.start("shell", List.of(), List.of("CENTER_CLUSTER=" + bridge))) {
      try (OutputStream stdin = shell.process().getOutputStream()) {
        stdin.write("cluster status\n\nfoo\n--json server status\n--json\nworkers scale x\nclient status\nexit\ncluster status\n"
            .getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(shell.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS), shell.output());
      assertEquals(0, shell.process().exitValue(), shell.output());
      shell.awaitLine(line -> line.equals("Invalid command: foo!"), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.contains("\"node\" : \"" + mainNode + "\""), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.contains("error: missing command after the global flags"), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.contains("invalid value for N: 'x'"), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.startsWith(clientNodes.get(1)), COMMAND_TIMEOUT);
      long clusterTables = shell.output().lines().filter(line -> line.endsWith("3 nodes")).count();
      assertEquals(1, clusterTables, "the line after 'exit' must not run:\n" + shell.output());
    }
  }

  private static void assertUsageError(NodeProcess.Result result, String expected) {
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains(expected), "expected '" + expected + "' in:\n" + result.output());
    assertEquals(1, result.output().lines().count(), "one line:\n" + result.output());
  }

  static NodeProcess.Result center(String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    return NodeProcess.run(command, List.of("CENTER_CLUSTER=" + bridge, "CENTER_HOME=" + System.getProperty("java.io.tmpdir")
        + "/center-cli-it"), COMMAND_TIMEOUT);
  }

  private static List<String> nodeIds(JsonObject reply) {
    return reply.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getString("node")).toList();
  }

  private static String idOf(JsonArray registry, long pid) {
    return registry.stream().map(JsonObject.class::cast).filter(node -> node.getLong("pid") == pid)
        .map(node -> node.getString("id")).findFirst()
        .orElseThrow(() -> new AssertionError("pid " + pid + " not in the registry: " + registry.encode()));
  }
}
