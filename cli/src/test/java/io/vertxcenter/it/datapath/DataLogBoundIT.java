package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.LineProtocol;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.LogSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data log's size bound is back-pressure, not loss: a server node with a 1 MiB bound and no
 * monitor takes lines until its log is full, then is {@code degraded} with the reason and reads no
 * more; once a monitor starts, every line arrives, once, and the server is {@code ready} again.
 */
class DataLogBoundIT {
  private static final int CONNECTIONS = 4;
  private static final int LINES = 25_000;
  private static final long BOUND = 1L << 20;
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir
  Path dir;

  @Test
  @DisplayName("a full data log (--data-max-bytes 1 MiB, no monitor): degraded with the reason, nothing dropped; a monitor starts: all arrive, ready again")
  void fullLogPushesBack() throws Exception {
    try (TestCluster nodes = new TestCluster()) {
      nodes.node("server", Role.SERVER).withBridge().withLog(new LogSettings(dir, Durability.WRITE, BOUND)).start().awaitReady();
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int c = 1; c <= CONNECTIONS; c++) {
        int connection = c;
        writers.add(CompletableFuture.runAsync(() -> write(nodes.serverPort(), connection)));
      }
      JsonObject full = TestCluster.await("the server degraded by its full log", nodes::serverStatus,
          status -> "degraded".equals(status.getString("state")), DEADLINE);
      System.out.println("log full: " + full.encode());
      assertTrue(full.getString("reason").contains("--data-max-bytes " + BOUND), full.encode());
      assertTrue(full.getJsonObject("log").getLong("bytes") >= BOUND, full.encode());
      assertTrue(full.getLong("received") < CONNECTIONS * LINES, "reads paused before all lines came: " + full.encode());

      nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.NONE).start().awaitReady();
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      JsonObject done = TestCluster.await("every line acknowledged, the server ready", nodes::serverStatus,
          status -> status.getLong("acked") == CONNECTIONS * LINES && "ready".equals(status.getString("state")), DEADLINE);
      JsonObject monitor = nodes.monitorStatus();
      System.out.println("resumed: server " + done.encode() + "; monitor " + monitor.encode());
      assertEquals(0, done.getLong("dropped"), done.encode());
      assertEquals(CONNECTIONS * LINES, monitor.getLong("messages"), monitor.encode());
      assertEquals(0, monitor.getLong("duplicates"), monitor.encode());
    }
  }

  /** Writes this connection's numbered lines of ~150 bytes, then closes. */
  private static void write(int port, int connection) {
    String padding = "x".repeat(130);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) DEADLINE.toMillis());
      byte[] greeting = socket.getInputStream().readNBytes(LineProtocol.GREETING.length() + 1);
      assertEquals(LineProtocol.GREETING + "\n", new String(greeting, StandardCharsets.UTF_8));
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      for (int n = 1; n <= LINES; n++) {
        out.write(("bound " + connection + "-" + n + " " + padding + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
