package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.LineProtocol;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory while paused: with no monitor, 900 connections each push 4 MiB and then close their side.
 * The server pauses reading, so TCP holds what it has not read; its RSS must grow by less than
 * 128 MiB. 100 more connections send 64 KiB each and close while reading is paused: they keep their
 * slots (nothing of theirs is held outside the connection limit) until their data and their end are
 * read. Once a monitor comes every line must be delivered, once.
 */
class PausedMemoryIT {
  private static final int CONNECTIONS = 900;
  private static final int LINE_BYTES = 1024;
  private static final int LINES_PER_CONNECTION = 4 * 1024 * 1024 / LINE_BYTES;
  private static final int CLOSERS = 100;
  private static final int LINES_PER_CLOSER = 64;
  private static final long MAX_GROWTH_KB = 128 * 1024;
  private static final Duration DEADLINE = Duration.ofSeconds(300);
  private static final int CLIENT_SEND_BUFFER = 64 * 1024;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES) // 3.7 million lines pushed, held and delivered: over the ITs' 8 min when loaded
  @DisplayName("900 connections pushing 4 MiB each with no monitor: server RSS grows < 128 MiB, and all arrive once a monitor comes")
  void boundedWhilePaused() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try (TestCluster nodes = TestCluster.withServer()) {
      long pid = nodes.node("server").process().pid();
      long rssBefore = rssKb(pid);
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        int connection = c;
        writers.add(CompletableFuture.runAsync(() -> pushAndClose(nodes.serverPort(), connection), pool));
      }
      // Every connection open and the server paused; then the peak while nothing more is read.
      TestCluster.await("all connections open, reading paused", nodes::serverStatus,
          status -> status.getInteger("connections") == CONNECTIONS && status.getBoolean("paused"), DEADLINE);
      long[] peak = {0};
      JsonObject settled = TestCluster.await("the server reads nothing more while paused", new Settling(nodes, pid, peak),
          status -> status.getBoolean("settled"), DEADLINE);
      long growthKb = peak[0] - rssBefore;
      System.out.printf("no monitor, %d connections x 4 MiB: server RSS %,d KiB -> peak %,d KiB (+%,d KiB); read %,d bytes,"
              + " %,d lines, then paused%n", CONNECTIONS, rssBefore, peak[0], growthKb, settled.getLong("bytes"), settled.getLong("received"));
      assertTrue(growthKb < MAX_GROWTH_KB, "RSS grew by " + growthKb + " KiB");

      for (int c = CONNECTIONS; c < CONNECTIONS + CLOSERS; c++) {
        try (Socket closer = greeted(nodes.serverPort())) {
          closer.getOutputStream().write(lines(c, 0, LINES_PER_CLOSER));
        }
      }
      long watchUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < watchUntil) {
        assertEquals(CONNECTIONS + CLOSERS, nodes.serverStatus().getInteger("connections"),
            "connections closed while paused keep their slots until what they sent is read");
      }

      nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.NONE).start().awaitReady();
      long total = (long) CONNECTIONS * LINES_PER_CONNECTION + (long) CLOSERS * LINES_PER_CLOSER;
      JsonObject server = TestCluster.await("every line acknowledged", nodes::serverStatus,
          status -> status.getLong("acked") >= total, DEADLINE);
      for (CompletableFuture<Void> writer : writers) {
        writer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }
      JsonObject monitor = nodes.monitorStatus();
      System.out.printf("monitor came: server %s; monitor messages %,d, duplicates %,d%n", server.encode(),
          monitor.getLong("messages"), monitor.getLong("duplicates"));
      assertEquals(total, server.getLong("received"));
      assertEquals(total, server.getLong("acked"));
      assertEquals(total, monitor.getLong("messages"));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes this connection's 4 MiB of lines, half-closes, and waits until the server closes too. */
  private static void pushAndClose(int port, int connection) {
    try (Socket socket = greeted(port)) {
      OutputStream out = socket.getOutputStream();
      for (int n = 0; n < LINES_PER_CONNECTION; n += 64) {
        out.write(lines(connection, n, 64));
      }
      socket.shutdownOutput();
      if (socket.getInputStream().read() >= 0) {
        throw new AssertionError("connection " + connection + ": the server said more than its greeting");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Socket greeted(int port) throws IOException {
    Socket socket = new Socket();
    // Clients and server share this machine's kernel here: with the kernel's autotuned send buffers
    // (up to 4 MiB each) the 900 writers park ~3.6 GB in TCP buffers, past net.ipv4.tcp_mem, and the
    // kernel's TCP memory pressure then drops and prunes segments on every loopback connection, the
    // event bus's included (measured: TcpExtTCPMemoryPressures, PruneCalled 10,880, delivery at
    // ~1,600 lines/s). Real clients' buffers live on their own hosts; a small one keeps the test to
    // what it checks, the server's own memory and back-pressure.
    socket.setSendBufferSize(CLIENT_SEND_BUFFER);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout((int) DEADLINE.toMillis());
    byte[] greeting = socket.getInputStream().readNBytes(LineProtocol.GREETING.length() + 1);
    assertEquals(LineProtocol.GREETING + "\n", new String(greeting, StandardCharsets.UTF_8));
    return socket;
  }

  /** {@code count} numbered lines of {@link #LINE_BYTES} bytes (newline included) of this connection, from {@code first}. */
  private static byte[] lines(int connection, int first, int count) {
    byte[] block = new byte[count * LINE_BYTES];
    for (int i = 0; i < count; i++) {
      byte[] head = String.format("c%03d-%08d ", connection, first + i).getBytes(StandardCharsets.US_ASCII);
      Arrays.fill(block, i * LINE_BYTES, (i + 1) * LINE_BYTES - 1, (byte) 'x');
      System.arraycopy(head, 0, block, i * LINE_BYTES, head.length);
      block[(i + 1) * LINE_BYTES - 1] = '\n';
    }
    return block;
  }

  /** The server's status, with "settled" once its bytes read have not changed for two seconds; keeps the RSS peak. */
  private static final class Settling implements java.util.function.Supplier<JsonObject> {
    private final TestCluster nodes;
    private final long pid;
    private final long[] peak;
    private long lastBytes = -1;
    private long sameSince;

    Settling(TestCluster nodes, long pid, long[] peak) {
      this.nodes = nodes;
      this.pid = pid;
      this.peak = peak;
    }

    @Override
    public JsonObject get() {
      peak[0] = Math.max(peak[0], rssKb(pid));
      JsonObject status = nodes.serverStatus();
      long bytes = status.getLong("bytes");
      long now = System.nanoTime();
      if (bytes != lastBytes) {
        lastBytes = bytes;
        sameSince = now;
      }
      return status.put("settled", now - sameSince >= TimeUnit.SECONDS.toNanos(2));
    }
  }

  private static long rssKb(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
          .findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
