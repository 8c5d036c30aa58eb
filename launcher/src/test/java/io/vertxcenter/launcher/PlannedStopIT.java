package io.vertxcenter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertxcenter.common.LineProtocol;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Planned stops lose nothing the server has read: four connections send as fast as they can, then
 * the server is stopped with SIGTERM (alone, or in one node with the monitor). Each role's
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

  @Test
  @DisplayName("SIGTERM of a node with roles server,monitor under full load: dropped=0, acked=received, monitor messages=received")
  void serverAndMonitorInOneNode() throws Exception {
    try (DataPathNodes nodes = new DataPathNodes("server,monitor", "--print", "none")) {
      List<CompletableFuture<Long>> writers = sendAtFullSpeed(nodes);
      assertEquals(0, nodes.server().stop(DEADLINE), nodes.server().output());
      long sent = linesWritten(writers);
      check("server,monitor node", sent, counts(nodes.server(), SERVER_COUNTS), counts(nodes.server(), MONITOR_COUNTS));
    }
  }

  @Test
  @DisplayName("server node stopped (SIGTERM) under full load, then the monitor node: dropped=0, acked=received, monitor messages=received")
  void serverNodeThenMonitorNode() throws Exception {
    try (DataPathNodes nodes = new DataPathNodes()) {
      NodeProcess monitor = nodes.startMonitor("none").awaitReady();
      List<CompletableFuture<Long>> writers = sendAtFullSpeed(nodes);
      assertEquals(0, nodes.server().stop(DEADLINE), nodes.server().output());
      long sent = linesWritten(writers);
      assertEquals(0, monitor.stop(DEADLINE), monitor.output());
      check("server node, then monitor node", sent, counts(nodes.server(), SERVER_COUNTS), counts(monitor, MONITOR_COUNTS));
    }
  }

  private static void check(String setup, long sent, long[] server, long[] monitor) {
    System.out.printf("%s: writers put %,d lines into their sockets; server final counts received=%,d forwarded=%,d"
            + " acked=%,d dropped=%,d; monitor messages=%,d duplicates=%,d%n",
        setup, sent, server[0], server[1], server[2], server[3], monitor[0], monitor[1]);
    assertEquals(0, server[3], "dropped");
    assertEquals(server[0], server[2], "acked = received");
    assertEquals(server[0], server[1], "forwarded = received");
    assertEquals(server[0], monitor[0], "monitor messages = server received");
  }

  /** Starts the writers and returns once the server has received {@link #UNDER_LOAD} lines. */
  private static List<CompletableFuture<Long>> sendAtFullSpeed(DataPathNodes nodes) {
    List<CompletableFuture<Long>> writers = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      int connection = c;
      writers.add(CompletableFuture.supplyAsync(() -> writeUntilClosed(nodes.serverPort(), connection)));
    }
    DataPathNodes.await("server under load", nodes::serverStatus, status -> status.getLong("received") >= UNDER_LOAD, DEADLINE);
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
    Matcher match = form.matcher(node.awaitLine(line -> form.matcher(line).find(), DEADLINE));
    match.find();
    long[] numbers = new long[match.groupCount()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = Long.parseLong(match.group(i + 1));
    }
    return numbers;
  }
}
