package io.vertxcenter.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.StartedProcesses;
import io.vertxcenter.it.TestCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell keeps its bridge connection between commands; when the node behind it dies,
 * the next command goes through the next bridge of the cluster, with one line saying so, and is not
 * lost; the bridges come from {@code center up}'s state file or from {@code --cluster A,B}. A frozen
 * node (SIGSTOP), whose kernel still accepts connections to its bridge, is skipped by a one-shot
 * command and by a fresh shell's first command alike. Real node JVMs, one killed with SIGKILL or
 * stopped with SIGSTOP (and continued in a finally); the CLI is a real one-shot JVM, or a real
 * {@code center shell} fed by a pipe.
 */
class ShellFailoverIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  final StartedProcesses processes = new StartedProcesses();
  private final TestCluster cluster = new TestCluster();

  @TempDir
  Path home;

  /** How the shell learns the cluster's bridges: from {@code center up}'s state file, or from {@code --cluster A,B}. */
  enum Bridges { STATE_FILE, CLUSTER_OPTION }

  @ParameterizedTest(name = "bridges from {0}")
  @EnumSource(Bridges.class)
  @DisplayName("two nodes with bridges, the shell on the first; kill -9 the first: the next command runs through the second, one line says so")
  void nextCommandGoesThroughTheNextBridge(Bridges given) throws Exception {
    TwoNodes nodes = twoNodes();
    String clusterName = nodes.clusterName();
    NodeProcess first = nodes.first();
    NodeProcess second = nodes.second();
    String firstBridge = nodes.firstBridge();
    String secondBridge = nodes.secondBridge();
    List<String> shellArgs = new ArrayList<>(List.of("shell"));
    if (given == Bridges.STATE_FILE) {
      // as after 'center up': the bridges in $CENTER_HOME/cluster.json, in order
      Files.writeString(home.resolve("cluster.json"), new JsonObject().put("cluster", clusterName).put("supervisor", 0)
          .put("ready", true).put("nodes", new JsonArray()
              .add(child("first", first, firstBridge)).add(child("second", second, secondBridge))).encode());
    } else {
      shellArgs.addAll(List.of("--cluster", firstBridge + "," + secondBridge));
    }

    NodeProcess shell = start("shell", shellArgs, List.of("CENTER_HOME=" + home));
    try (OutputStream stdin = shell.process().getOutputStream()) {
      String table = "cluster '" + clusterName + "': ";
      send(stdin, "cluster status");
      shell.awaitLine(line -> line.startsWith(table), COMMAND_TIMEOUT);

      first.process().destroyForcibly();
      assertTrue(first.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the first node did not die");
      send(stdin, "cluster status");
      shell.awaitLine(line -> line.startsWith("lost the cluster at " + firstBridge + " (")
          && line.endsWith("); now through " + secondBridge), COMMAND_TIMEOUT);
      shell.awaitLine(line -> line.startsWith(table) && shell.output().lines().filter(each -> each.startsWith(table)).count() == 2,
          COMMAND_TIMEOUT);
      send(stdin, "exit");
    }
    assertTrue(shell.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS), shell.output());
    assertEquals(0, shell.process().exitValue(), shell.output());
    assertTrue(shell.output().lines().noneMatch(line -> line.startsWith("error:")), "no command failed:\n" + shell.output());
    assertEquals(1, shell.output().lines().filter(line -> line.startsWith("lost the cluster")).count(), shell.output());
  }

  @Test
  @DisplayName("first bridge's node SIGSTOPped: one-shot 'cluster status --cluster first,second' and a fresh shell's first command answer through the second")
  void frozenFirstBridgeIsSkipped() throws Exception {
    TwoNodes nodes = twoNodes();
    NodeProcess first = nodes.first();
    String firstBridge = nodes.firstBridge();
    String bridges = firstBridge + "," + nodes.secondBridge();
    String table = "cluster '" + nodes.clusterName() + "': ";

    first.signal("STOP");
    try {
      NodeProcess.Result oneShot = NodeProcess.run(List.of("cluster", "status", "--cluster", bridges), COMMAND_TIMEOUT);
      assertEquals(0, oneShot.exitCode(), oneShot.output());
      assertTrue(oneShot.output().lines().anyMatch(line -> line.startsWith(table)), oneShot.output());

      NodeProcess shell = start("shell", List.of("shell", "--cluster", bridges), List.of());
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
      assertTrue(none.output().contains("cannot reach the cluster at " + firstBridge + " (no hello within 1.5 s: a frozen node, or no VertxCenter bridge), 127.0.0.1:"),
          none.output());
      assertTrue(none.output().contains("(Connection refused): start one with 'center up -d'"), none.output());
    } finally {
      first.signal("CONT");
    }
  }

  /** Two ready nodes of a new cluster, each serving a bridge. */
  private record TwoNodes(String clusterName, NodeProcess first, String firstBridge, NodeProcess second, String secondBridge) {}

  private TwoNodes twoNodes() {
    List<TestCluster.Node> nodes = cluster.startNodes(2, Role.MONITOR);
    return new TwoNodes(cluster.name(), nodes.get(0).process(), nodes.get(0).bridge(), nodes.get(1).process(), nodes.get(1).bridge());
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  private NodeProcess start(String name, List<String> args, List<String> env) {
    return processes.start(name, args, env);
  }

  private static JsonObject child(String name, NodeProcess node, String bridge) {
    return new JsonObject().put("name", name).put("roles", "monitor").put("pid", node.pid()).put("bridge", bridge)
        .put("log", "-");
  }

  private static void send(OutputStream stdin, String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }
}
