package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.LineProtocol;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planned stops lose nothing the server has read: four connections send as fast as they can, then
 * the server is stopped with SIGTERM (alone, or in one node with the monitor) or the whole local
 * cluster with {@code center down}. Each role's
 * {@code final counts} line must show every line received acknowledged, none dropped, and the
 * monitor must have exactly the lines the server received.
 */
class PlannedStopIT {
  private static final int CONNECTIONS = 4;
  private static final long UNDER_LOAD = 200_000;
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Pattern SERVER_COUNTS =
      Pattern.compile("final counts: received=(\\d+) forwarded=(\\d+) acked=(\\d+) dropped=(\\d+)");
  private static final Pattern MONITOR_COUNTS = Pattern.compile("final counts: messages=(\\d+) duplicates=(\\d+)");

  @TempDir
  Path home;

  /** A failed test must not leave its cluster running: 'down' stops whatever the state file names. */
  @AfterEach
  void downLeftovers() {
    if (Files.exists(home.resolve("cluster.json"))) {
      NodeProcess.run(List.of("down"), List.of("CENTER_HOME=" + home), DEADLINE);
    }
  }

  @Test
  @DisplayName("'center down' of an 'up -d' cluster under full load: dropped=0, acked=received, monitor messages=received")
  void centerDownUnderLoad() throws Exception {
    List<String> env = List.of("CENTER_HOME=" + home);
    int serverPort = NodeProcess.freePort();
    List<String> args = new ArrayList<>(List.of("up", "-d", "--workers", "1", "--client-rate", "0",
        "--cluster-name", "it-down-" + ProcessHandle.current().pid(), "--server-port", String.valueOf(serverPort)));
    args.addAll(NodeProcess.upPortFlags(NodeProcess.freePortRange(4), 4));
    NodeProcess.Result up = NodeProcess.run(args, env, Duration.ofSeconds(180));
    assertEquals(0, up.exitCode(), up.output());
    List<CompletableFuture<Long>> writers = sendAtFullSpeed(serverPort, () -> NodeProcess.run(
        List.of("server", "status", "--json"), env, DEADLINE).json().getJsonArray("nodes").getJsonObject(0));
    NodeProcess.Result down = NodeProcess.run(List.of("down"), env, DEADLINE);
    assertEquals(0, down.exitCode(), down.output());
    long sent = linesWritten(writers);
    check("center down", sent, counts(home.resolve("logs/server.log"), SERVER_COUNTS),
        counts(home.resolve("logs/monitor.log"), MONITOR_COUNTS),
        warnings(Files.readString(home.resolve("logs/server.log")) + "\n" + Files.readString(home.resolve("logs/monitor.log"))));
  }

  @Test
  @DisplayName("SIGTERM of a node with roles server,monitor under full load: dropped=0, acked=received, monitor messages=received")
  void serverAndMonitorInOneNode() throws Exception {
    try (TestCluster nodes = new TestCluster()) {
      nodes.node("server", Role.SERVER, Role.MONITOR).withPrint(PrintMode.NONE).withBridge().start().awaitReady();
      List<CompletableFuture<Long>> writers = sendAtFullSpeed(nodes);
      assertEquals(0, nodes.node("server").process().stop(DEADLINE), nodes.node("server").process().output());
      long sent = linesWritten(writers);
      check("server,monitor node", sent, counts(nodes.node("server").process(), SERVER_COUNTS), counts(nodes.node("server").process(), MONITOR_COUNTS),
          warnings(nodes.node("server").process().output()));
    }
  }

  @Test
  @DisplayName("server node stopped (SIGTERM) under full load, then the monitor node: dropped=0, acked=received, monitor messages=received")
  void serverNodeThenMonitorNode() throws Exception {
    try (TestCluster nodes = TestCluster.withServer()) {
      NodeProcess monitor = nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.NONE).start().awaitReady();
      List<CompletableFuture<Long>> writers = sendAtFullSpeed(nodes);
      assertEquals(0, nodes.node("server").process().stop(DEADLINE), nodes.node("server").process().output());
      long sent = linesWritten(writers);
      assertEquals(0, monitor.stop(DEADLINE), monitor.output());
      check("server node, then monitor node", sent, counts(nodes.node("server").process(), SERVER_COUNTS), counts(monitor, MONITOR_COUNTS),
          warnings(nodes.node("server").process().output() + "\n" + monitor.output()));
    }
  }

  /** Checks the final counts; a failure shows the nodes' warnings and errors, which say why. */
  private static void check(String setup, long sent, long[] server, long[] monitor, String warnings) {
    System.out.printf("%s: writers wrote %,d lines; server final counts received=%,d forwarded=%,d"
            + " acked=%,d dropped=%,d; monitor messages=%,d duplicates=%,d%n",
        setup, sent, server[0], server[1], server[2], server[3], monitor[0], monitor[1]);
    assertEquals(0, server[3], "dropped; the nodes' warnings:\n" + warnings);
    assertEquals(server[0], server[2], "acked = received; the nodes' warnings:\n" + warnings);
    assertEquals(server[0], server[1], "forwarded = received; the nodes' warnings:\n" + warnings);
    assertEquals(server[0], monitor[0], "monitor messages = server received; the nodes' warnings:\n" + warnings);
  }

  /** The WARN and ERROR lines of node output (no stack frames). */
  private static String warnings(String output) {
    return output.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).collect(Collectors.joining("\n"));
  }

  private static List<CompletableFuture<Long>> sendAtFullSpeed(TestCluster nodes) {
    return sendAtFullSpeed(nodes.serverPort(), nodes::serverStatus);
  }

  /** Starts the writers and returns once the server's status says it has received {@link #UNDER_LOAD} lines. */
  private static List<CompletableFuture<Long>> sendAtFullSpeed(int port, Supplier<JsonObject> serverStatus) {
    List<CompletableFuture<Long>> writers = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      int connection = c;
      writers.add(CompletableFuture.supplyAsync(() -> writeUntilClosed(port, connection)));
    }
    TestCluster.await("server under load", serverStatus, status -> status.getLong("received") >= UNDER_LOAD, DEADLINE);
    return writers;
  }

  /** Writes numbered lines as fast as the socket takes them until the server closes it; returns how many went out. */
  private static long writeUntilClosed(int port, int connection) {
    long lines = 0;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) DEADLINE.toMillis());
      byte[] greeting = socket.getInputStream().readNBytes(LineProtocol.GREETING.length() + 1);
      assertEquals(LineProtocol.GREETING + "\n", new String(greeting, StandardCharsets.UTF_8));
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      while (true) {
        out.write(("line " + connection + "-" + (++lines) + " at full speed\n").getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException closedByTheServer) {
      return lines;
    }
  }

  private static long linesWritten(List<CompletableFuture<Long>> writers) throws Exception {
    long lines = 0;
    for (CompletableFuture<Long> writer : writers) {
      lines += writer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
    return lines;
  }

  /** The numbers of the node's final counts line of this form. */
  private static long[] counts(NodeProcess node, Pattern form) {
    return numbers(form.matcher(node.awaitLine(line -> form.matcher(line).find(), DEADLINE)));
  }

  /** The numbers of the final counts line of this form in a node's log (written before the node exited). */
  private static long[] counts(Path log, Pattern form) {
    try {
      return numbers(form.matcher(Files.readAllLines(log).stream().filter(line -> form.matcher(line).find())
          .findFirst().orElseThrow(() -> new AssertionError("no '" + form.pattern() + "' in " + log))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long[] numbers(Matcher match) {
    match.find();
    long[] numbers = new long[match.groupCount()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = Long.parseLong(match.group(i + 1));
    }
    return numbers;
  }
}
