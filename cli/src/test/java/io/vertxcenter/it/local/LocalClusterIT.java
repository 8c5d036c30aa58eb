package io.vertxcenter.it.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.local.NodeProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code center up -d} and {@code center down}: the local cluster as a user starts and stops it. */
class LocalClusterIT {
  /** Consecutive ports {@code center up} may give its nodes (bridge, cluster): a few more than its nodes. */
  private static final int UP_PORTS = 10;

  @TempDir
  Path home;

  /** A failed test must not leave its cluster running: 'down' stops whatever the state file names. */
  @AfterEach
  void downLeftovers() {
    if (Files.exists(home.resolve("cluster.json"))) {
      runWithEnv(List.of("CENTER_HOME=" + home), "down");
    }
  }

  @Test
  @DisplayName("'up -d' starts server, monitor, client and worker JVMs in one cluster; 'down' stops them all")
  void upAndDown() {
    int bridgePort = NodeProcess.freePortRange(UP_PORTS);
    // no CENTER_TOKEN: 'up' makes the token in $CENTER_HOME/token and the CLI finds it there
    List<String> env = List.of("CENTER_HOME=" + home, "CENTER_TOKEN=");
    String clusterName = "it-up-" + ProcessHandle.current().pid();
    int serverPort = NodeProcess.freePort();
    List<String> ports = NodeProcess.upPortFlags(bridgePort, UP_PORTS);
    NodeProcess.Result up = runWithEnv(env, upArgs(clusterName, serverPort, ports));
    assertEquals(0, up.exitCode(), up.output());
    assertTrue(up.output().contains("ready in"), up.output());
    assertTrue(Files.exists(home.resolve("cluster.json")), "state file written");
    for (String secret : List.of("token", "cluster.json", "logs/monitor.log")) {
      assertEquals("rw-------", permissions(home.resolve(secret)), secret);
    }
    assertEquals("rwx------", permissions(home.resolve("logs")));

    NodeProcess.Result status = runWithEnv(env, "cluster", "status", "--json");
    assertEquals(0, status.exitCode(), status.output());
    JsonObject json = status.json();
    assertEquals(clusterName, json.getString("cluster"));
    Set<String> roles = json.getJsonArray("nodes").stream()
        .flatMap(node -> ((JsonObject) node).getJsonArray("roles").stream().map(String.class::cast))
        .collect(Collectors.toSet());
    assertEquals(Set.of("server", "monitor", "client", "worker"), roles);
    List<Long> pids = json.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getLong("pid")).toList();
    assertStartedFromTheArchive(json);

    // 'center console' with no --http opens the server node's console, found through up's bridges
    String serverHttp = json.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(node -> node.getJsonArray("roles").contains("server")).findFirst().orElseThrow().getString("http");
    NodeProcess.Result console = runWithEnv(env, "console");
    assertEquals(0, console.exitCode(), console.output());
    assertTrue(console.output().contains("http://" + serverHttp + "/login?ticket="), "the server node's login link: " + console.output());

    Path monitorLog = home.resolve("logs").resolve("monitor.log");
    awaitInFile(monitorLog, "Received ", "the client node's steady stream (--client-rate 1)");
    try (LineSocket typed = LineSocket.greeted(serverPort)) {
      typed.send("typed into nc\n").send("JSON|{\"kind\": \"typed\"}\n");
      awaitInFile(monitorLog, "Received String: typed into nc", "a line typed into a plain TCP connection");
      awaitInFile(monitorLog, "{\n  \"kind\": \"typed\"\n}", "a JSON line, pretty-printed with indent 2");
    }

    NodeProcess.Result again = runWithEnv(env, "up", "-d", "--bridge-port", String.valueOf(bridgePort));
    assertEquals(1, again.exitCode(), again.output());
    assertTrue(again.output().contains("already up"), again.output());

    NodeProcess.Result down = runWithEnv(env, "down");
    assertEquals(0, down.exitCode(), down.output());
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(NodeProcesses::isRunning).orElse(false), "pid " + pid + " still alive");
      assertTrue(down.output().contains("(pid " + pid + ")"), down.output());
    }
    assertFalse(Files.exists(home.resolve("cluster.json")), "state file removed");

    NodeProcess.Result unreachable = runWithEnv(env, "cluster", "status");
    assertEquals(3, unreachable.exitCode(), unreachable.output());
    assertTrue(unreachable.output().contains("cannot reach the cluster"), unreachable.output());

    NodeProcess.Result restarted = runWithEnv(env, upArgs(clusterName, serverPort, ports));
    assertEquals(0, restarted.exitCode(), "'up' again at once, on the same ports: " + restarted.output());
    assertEquals(0, runWithEnv(env, "down").exitCode());
  }

  /** The class archive of this build and JVM was made before the nodes started, and they start from it. */
  private static void assertStartedFromTheArchive(JsonObject status) {
    Path jar = Path.of(NodeProcess.jar()).toAbsolutePath();
    long serverPid = status.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(node -> node.getJsonArray("roles").contains("server")).findFirst().orElseThrow().getLong("pid");
    String commandLine = ProcessHandle.of(serverPid).flatMap(handle -> handle.info().commandLine()).orElse("");
    String archive = commandLine.replaceFirst(".*-XX:(SharedArchiveFile|AOTCache)=(\\S+).*", "$2");
    assertTrue(archive.startsWith(jar.resolveSibling("center-node-").toString()), "nodes start from the archive: " + commandLine);
    assertTrue(lastModified(Path.of(archive)) > lastModified(jar), "an archive of this build: " + archive);
  }

  private static String permissions(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a log file contains the text, failing with the file's end after the deadline. */
  private static void awaitInFile(Path file, String text, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String content = "";
    while (System.nanoTime() < deadline) {
      try {
        content = Files.exists(file) ? Files.readString(file) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (content.contains(text)) {
        return;
      }
      LockSupport.parkNanos(50_000_000);
    }
    throw new AssertionError(what + ": '" + text + "' not in " + file + " within 60 s; its end:\n"
        + content.substring(Math.max(0, content.length() - 3000)));
  }

  private static NodeProcess.Result runWithEnv(List<String> env, String... args) {
    return NodeProcess.run(List.of(args), env, Duration.ofSeconds(150));
  }

  /** {@code up -d} with one worker, on these ports ({@link NodeProcess#upPortFlags}). */
  private static String[] upArgs(String clusterName, int serverPort, List<String> ports) {
    List<String> args = new ArrayList<>(List.of("up", "-d", "--workers", "1", "--cluster-name", clusterName,
        "--server-port", String.valueOf(serverPort)));
    args.addAll(ports);
    return args.toArray(String[]::new);
  }
}
