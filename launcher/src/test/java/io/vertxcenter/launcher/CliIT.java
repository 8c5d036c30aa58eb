package io.vertxcenter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
  private static final List<NodeProcess> nodes = new ArrayList<>();
  private static String bridge;
  private static String mainNode;
  private static List<String> clientNodes;

  @BeforeAll
  static void startCluster() {
    String clusterName = "it-cli-" + UUID.randomUUID();
    int clusterPort = NodeProcess.freePort();
    bridge = "127.0.0.1:" + NodeProcess.freePort();
    List<String> cluster = List.of("--cluster-name", clusterName, "--members", "127.0.0.1:" + clusterPort);
    NodeProcess main = node(cluster, "--roles", "server,monitor,worker", "--workers", "1",
        "--cluster-port", String.valueOf(clusterPort), "--bridge-port", bridge.substring(bridge.indexOf(':') + 1),
        "--server-port", String.valueOf(NodeProcess.freePort()));
    main.awaitReady();
    List<NodeProcess> clients = List.of(node(cluster, "--roles", "client"), node(cluster, "--roles", "client"));
    clients.forEach(NodeProcess::awaitReady);

    JsonArray registry = center("cluster", "status", "--json").json().getJsonArray("nodes");
    mainNode = idOf(registry, main.pid());
    clientNodes = clients.stream().map(client -> idOf(registry, client.pid())).sorted().toList();
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(NodeProcess::close);
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
  @DisplayName("usage errors exit 2 with one line and a pointer to --help")
  void usageErrors() {
    assertUsageError(center("foo"), "error: unknown command 'foo'; see 'center --help'");
    assertUsageError(center("server", "statu"), "error: unknown command 'statu' (did you mean status");
    assertUsageError(center("server"), "error: missing command: expected one of start, stop, status, params");
    assertUsageError(center("server", "status", "--bogus"), "error: unknown option '--bogus'; see 'center server status --help'");
    assertUsageError(center("workers", "scale", "many"), "'many' is not an int; see 'center workers scale --help'");
    assertUsageError(center("workers", "scale", "-1"), "bad value for N: -1");
    assertUsageError(center("client", "start", "--json-share", "2"), "bad value for jsonShare: '2.0' (expected a number from 0 to 1)");
    assertUsageError(center("client", "start", "connections=0"), "bad value for connections: '0' (expected a number from 1 to 10000)");
    assertUsageError(center("server", "params", "set"), "nothing to set");
    assertUsageError(center("server", "params", "set", "port"), "'port' is not KEY=VALUE");
  }

  @Test
  @DisplayName("the shell fed by a pipe runs each line, says 'Invalid command: foo!' with the help, and exits 0 after 'exit'")
  void pipedShell() throws Exception {
    try (NodeProcess shell = NodeProcess.start("shell", List.of(), List.of("CENTER_CLUSTER=" + bridge))) {
      try (OutputStream stdin = shell.process().getOutputStream()) {
        stdin.write("cluster status\n\nfoo\nserver status --json\nworkers scale x\nclient status\nexit\ncluster status\n"
            .getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(shell.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS), shell.output());
      assertEquals(0, shell.process().exitValue(), shell.output());
      shell.awaitLine(line -> line.equals("Invalid command: foo!"), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.startsWith("Usage: center"), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.contains("\"node\" : \"" + mainNode + "\""), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.contains("'x' is not an int"), COMMAND_TIMEOUT);
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

  private static NodeProcess node(List<String> cluster, String... args) {
    List<String> command = new ArrayList<>(List.of("node"));
    command.addAll(List.of(args));
    command.addAll(cluster);
    NodeProcess node = NodeProcess.start(String.join(" ", args), command);
    nodes.add(node);
    return node;
  }
}
