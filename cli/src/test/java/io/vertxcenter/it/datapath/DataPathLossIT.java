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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost or doubled when the monitor dies: 200,000 lines over four plain sockets, the
 * monitor node killed with -9 mid-stream and a new one started.
 *
 * <p>How exactly-once is checked: the server counts a line as acknowledged once, when the reply to
 * its batch arrives. With the first monitor dead and no other, the server's acknowledged count is
 * final for it ({@code ackedByFirst}). Everything else must reach the second monitor exactly once:
 * its {@code messages} (duplicates dropped by connection and sequence number) must equal
 * 200,000 − ackedByFirst, and the server must end with all 200,000 acknowledged and none pending.
 */
class DataPathLossIT {
  private static final int CONNECTIONS = 4;
  private static final int LINES = 200_000;
  private static final int FIRST_PART = LINES / 2;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  @DisplayName("200,000 lines with the monitor killed (-9) and replaced mid-stream arrive exactly once")
  void monitorKilledMidStream() throws Exception {
    try (TestCluster nodes = TestCluster.withServer()) {
      NodeProcess first = nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.NONE).start().awaitReady();
      CountDownLatch firstKilled = new CountDownLatch(1);
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        int connection = c;
        writers.add(CompletableFuture.runAsync(() -> write(nodes.serverPort(), connection, firstKilled)));
      }

      TestCluster.await("first monitor acknowledging", nodes::serverStatus,
          status -> status.getLong("acked") >= 20_000, DEADLINE);
      first.process().destroyForcibly();
      first.process().waitFor(30, TimeUnit.SECONDS);
      nodes.awaitNodes(Set.of(nodes.node("server").process().pid()), DEADLINE);
      long ackedByFirst = nodes.serverStatus().getLong("acked");
      firstKilled.countDown();

      nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.NONE).start().awaitReady();
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      JsonObject server = TestCluster.await("all lines acknowledged", nodes::serverStatus,
          status -> status.getLong("acked") >= LINES, DEADLINE);
      JsonObject second = nodes.monitorStatus();
      System.out.printf("first monitor acknowledged %d lines; server resent %d; second monitor: %s%n",
          ackedByFirst, server.getLong("resent"), second.encode());

      assertEquals(LINES, server.getLong("received"), server.encode());
      assertEquals(LINES, server.getLong("acked"), server.encode());
      assertEquals(0, server.getLong("pending"), server.encode());
      assertEquals(LINES - ackedByFirst, second.getLong("messages"), "second monitor: " + second.encode());
      assertEquals(second.getLong("messages"), second.getLong("strings"), second.encode());
    }
  }

  /** Writes this connection's share of the lines: half at once, the rest once the first monitor is dead. */
  private static void write(int port, int connection, CountDownLatch firstKilled) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String greeting = new String(socket.getInputStream().readNBytes(LineProtocol.GREETING.length() + 1), StandardCharsets.UTF_8);
      assertEquals(LineProtocol.GREETING + "\n", greeting);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      int share = LINES / CONNECTIONS;
      for (int n = 1; n <= share; n++) {
        if (n == FIRST_PART / CONNECTIONS + 1) {
          out.flush();
          if (!firstKilled.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the first monitor was not killed within " + DEADLINE);
          }
        }
        out.write(("line " + connection + "-" + n + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
