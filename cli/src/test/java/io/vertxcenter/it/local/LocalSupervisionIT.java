package io.vertxcenter.it.local;

import static io.vertxcenter.it.UpHome.pidOf;
import static io.vertxcenter.it.UpHome.pids;
import static io.vertxcenter.it.UpHome.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.local.NodeProcesses;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.MemberListNodes;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.UpHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code center up} keeps its nodes running: a node killed with -9 is started again, the state
 * file names its new pid, and {@code center down} (or Ctrl-C on {@code up}) stops everything for
 * good, servers first.
 */
class LocalSupervisionIT {
  /** Consecutive ports {@code center up} may give its nodes (bridge, cluster): a few more than its nodes. */
  private static final int UP_PORTS = 10;
  private static final Duration CLI = Duration.ofSeconds(150);

  @TempDir
  Path home;

  /** A failed test must not leave its cluster running. */
  @RegisterExtension
  final UpHome.Leftovers seenPids = new UpHome.Leftovers(() -> home, this::env);

  @Test
  @DisplayName("'up -d': the server (the first node) killed with -9 is started again, in every registry within 10 s of being ready,"
      + " and serves; the state file shows its new pid; 'down' leaves nothing running")
  void detachedClusterRestartsAKilledServer() {
    int serverPort = NodeProcess.freePort();
    NodeProcess.Result up = NodeProcess.run(upArgs(serverPort, "-d"), env(), CLI);
    assertEquals(0, up.exitCode(), up.output());
    JsonObject state = state();
    seenPids.add(state.getLong("supervisor"));
    seenPids.addAll(pids(state));
    long killed = pidOf(state, "server");

    ProcessHandle.of(killed).orElseThrow().destroyForcibly();
    long killedAt = System.currentTimeMillis();
    long restarted = Eventually.await("a new server pid in the state file", () -> pidOf(state(), "server"),
        pid -> pid != killed && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), Duration.ofSeconds(30));
    long restartedMs = System.currentTimeMillis() - killedAt;
    seenPids.add(restarted);
    Path serverLog = home.resolve("logs").resolve("server.log");
    String ready = Eventually.await("the restarted server ready", () -> read(serverLog),
        log -> log.contains("pid " + restarted + ", cluster"), Duration.ofSeconds(90));
    long registryMs = MemberListNodes.awaitEveryRegistry(bridges(), Set.copyOf(pids(state())), Duration.ofSeconds(60));
    long sentAt = System.nanoTime();
    try (LineSocket socket = LineSocket.greeted(serverPort)) {
      for (int n = 1; n <= 10; n++) {
        socket.send("after the restart " + n + "\n");
      }
      Eventually.await("10 lines at the monitor", () -> monitorMessages(), messages -> messages == 10, Duration.ofSeconds(30));
    }
    System.out.printf("up -d, server killed: in the state file again %d ms after the kill (pid %d -> %d), %s; in every node's registry"
            + " %d ms after it logged ready; 10 lines at the monitor %d ms after they were sent%n",
        restartedMs, killed, restarted,
        readyLine(ready, restarted), registryMs, (System.nanoTime() - sentAt) / 1_000_000);
    assertTrue(registryMs <= 10_000, "in every registry " + registryMs + " ms after it was ready");
    String supervisorLog = read(home.resolve("logs").resolve("supervisor.log"));
    assertTrue(supervisorLog.contains("restarted server (exit 137)"), supervisorLog);

    NodeProcess.Result down = NodeProcess.run(List.of("down"), env(), CLI);
    assertEquals(0, down.exitCode(), down.output());
    assertStoppedInOrder(down.output());
    assertNothingRunning();
  }

  @Test
  @DisplayName("'up' in the foreground restarts a node killed with -9; Ctrl-C stops the cluster, servers first")
  void foregroundClusterRestartsAKilledNodeAndStopsOnCtrlC() {
    try (NodeProcess up = NodeProcess.start("up", upArgs(NodeProcess.freePortRange(UP_PORTS)), env())) {
      seenPids.add(up.pid());
      up.awaitLine(line -> line.startsWith("streaming node output"), CLI);
      long killed = pidOf(state(), "client");
      seenPids.addAll(pids(state()));

      ProcessHandle.of(killed).orElseThrow().destroyForcibly();
      up.awaitLine(line -> line.contains("restarted client (exit 137)"), Duration.ofSeconds(30));
      long restarted = pidOf(state(), "client");
      seenPids.add(restarted);
      assertNotEquals(killed, restarted);
      MemberListNodes.awaitEveryRegistry(bridges(), Set.copyOf(pids(state())), Duration.ofSeconds(60));

      assertFalse(up.ignoresSigint(), "'up' ignores SIGINT (inherited from a background job's shell), so Ctrl-C cannot be tested");
      up.signal("INT");
      assertEquals(0, up.awaitExit("'up' stopping on Ctrl-C", CLI), up.output());
      assertStoppedInOrder(up.output());
      assertNothingRunning();
    }
  }

  @Test
  @DisplayName("'up' in the foreground killed with -9 (no chance to stop its nodes): every node has exited 10 s later")
  void foregroundUpKilledLeavesNoNode() throws Exception {
    try (NodeProcess up = NodeProcess.start("up", upArgs(NodeProcess.freePortRange(UP_PORTS)), env())) {
      seenPids.add(up.pid());
      up.awaitLine(line -> line.startsWith("streaming node output"), CLI);
      List<Long> nodes = pids(state());
      seenPids.addAll(nodes);

      up.process().destroyForcibly();
      long killedAt = System.nanoTime();
      Eventually.await("every node exited", () -> nodes.stream().filter(pid -> ProcessHandle.of(pid).isPresent()).toList(),
          List::isEmpty, Duration.ofSeconds(10));
      System.out.printf("foreground up killed with -9: its %d nodes exited within %d ms%n", nodes.size(),
          (System.nanoTime() - killedAt) / 1_000_000);
    }
  }

  @Test
  @DisplayName("'up -d' whose cluster.json is cut short: 'up' and 'cluster status' fail naming the file and 'center down';"
      + " 'down' finds the supervisor and nodes by their command line and stops them all")
  void truncatedStateFile() throws IOException {
    NodeProcess.Result up = NodeProcess.run(upArgs(NodeProcess.freePort(), "-d"), env(), CLI);
    assertEquals(0, up.exitCode(), up.output());
    JsonObject state = state();
    seenPids.add(state.getLong("supervisor"));
    seenPids.addAll(pids(state));
    Path file = home.resolve("cluster.json");
    Files.writeString(file, read(file).substring(0, 100));

    for (List<String> command : List.of(upArgs(NodeProcess.freePort(), "-d"), List.of("cluster", "status"))) {
      NodeProcess.Result refused = NodeProcess.run(command, env(), CLI);
      assertEquals(1, refused.exitCode(), refused.output());
      assertTrue(refused.output().contains(file + " cannot be read") && refused.output().contains("'center down'"), refused.output());
    }
    NodeProcess.Result down = NodeProcess.run(List.of("down"), env(), CLI);
    assertEquals(0, down.exitCode(), down.output());
    assertTrue(down.output().contains("found by their command line"), down.output());
    assertNothingRunning();
  }

  /** {@code up} on free ports with a server, a monitor and a client (no worker, no load, no HTTP). */
  private List<String> upArgs(int serverPort, String... extra) {
    List<String> args = new ArrayList<>(List.of("up", "--worker-nodes", "0", "--client-rate", "0",
        "--cluster-name", "it-supervise-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
        "--server-port", String.valueOf(serverPort)));
    args.addAll(NodeProcess.upPortFlags(NodeProcess.freePortRange(UP_PORTS), UP_PORTS));
    args.addAll(List.of(extra));
    return args;
  }

  private void assertStoppedInOrder(String output) {
    int server = output.indexOf("stopped server (pid");
    int monitor = output.indexOf("stopped monitor (pid");
    int client = output.indexOf("stopped client (pid");
    assertTrue(server >= 0 && server < monitor && monitor < client, "servers first, then monitors, then clients:\n" + output);
  }

  private void assertNothingRunning() {
    for (long pid : seenPids) {
      // a process that has exited but that init has not collected yet (a zombie) does not run
      assertFalse(ProcessHandle.of(pid).map(NodeProcesses::isRunning).orElse(false), "pid " + pid + " still running");
    }
    assertFalse(Files.exists(home.resolve("cluster.json")), "state file removed");
  }

  private List<String> bridges() {
    return UpHome.bridges(state());
  }

  /** The messages the monitor has received, or -1 while it cannot be asked. */
  private long monitorMessages() {
    try (ClusterConnection connection = ClusterConnection.open(bridges(), NodeProcess.TOKEN)) {
      return connection.request(Addresses.role(Role.MONITOR), "status", new JsonObject(), "no monitor node").getLong("messages");
    } catch (CliException e) {
      return -1;
    }
  }

  /** The node's own "ready in N ms" (JVM start to ready), from its log line. */
  private static String readyLine(String log, long pid) {
    return log.lines().filter(line -> line.contains("pid " + pid + ", cluster")).findFirst()
        .map(line -> line.replaceAll(".* (ready in \\d+ ms).*", "$1")).orElse("?");
  }

  private JsonObject state() {
    return UpHome.state(home);
  }

  private List<String> env() {
    return List.of("CENTER_HOME=" + home);
  }

}
