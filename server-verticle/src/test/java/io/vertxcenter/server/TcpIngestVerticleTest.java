package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.LineProtocol;
import io.vertxcenter.common.TestPorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCP server instance in this JVM over real sockets, with a local consumer standing in for the
 * monitor: the last line of a stream, the idle timeout, and stopping with a line held.
 */
@ExtendWith(VertxExtension.class)
class TcpIngestVerticleTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final IngestStats stats = new IngestStats();
  private Vertx vertx;
  private int port;

  @BeforeEach
  void monitor(Vertx vertx) throws IOException {
    this.vertx = vertx;
    port = TestPorts.free();
    within(vertx.eventBus().<Buffer>consumer(Addresses.DATA, message -> {
      DataBatch.Reader batch = new DataBatch.Reader(message.body());
      while (batch.next()) {
        delivered.add(batch.text());
      }
      message.reply("ok");
    }).completion(), "the data consumer registered");
  }

  @Test
  @DisplayName("a stream closed after a line without a newline: that last line is delivered and counted")
  void lastLineAtClose() throws IOException {
    deploy(ServerParams.DEFAULTS);
    try (Socket socket = greeted()) {
      send(socket, "c1-A1\nc1-A2-no-newline");
    }
    assertDelivered("c1-A1", "c1-A2-no-newline");
  }

  @Test
  @DisplayName("a stream half-closed after a line without a newline: that last line is delivered and counted")
  void lastLineAtHalfClose() throws IOException {
    deploy(ServerParams.DEFAULTS);
    try (Socket socket = greeted()) {
      send(socket, "c2-A1\r\nc2-A2-no-newline\r");
      socket.shutdownOutput();
      assertDelivered("c2-A1", "c2-A2-no-newline");
    }
  }

  @Test
  @DisplayName("stopping the server with a partial line held delivers it, counted, before the stop completes")
  void lastLineAtStop() throws Exception {
    String deployment = deploy(ServerParams.DEFAULTS);
    try (Socket socket = greeted()) {
      send(socket, "c3-A1\nc3-A2-held");
      await("the first line delivered", () -> delivered.size() == 1);
      vertx.undeploy(deployment).await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(List.of("c3-A1", "c3-A2-held"), delivered);
      assertEquals(2, stats.received.sum());
      assertEquals(2, stats.acked.sum());
      assertEquals(0, stats.dropped.sum());
      assertEquals("final counts: received=2 forwarded=2 acked=2 dropped=0 replayed=0", stats.finalCounts(0));
      assertEquals(-1, socket.getInputStream().read(), "the server closed the connection");
    }
  }

  @Test
  @DisplayName("a stop with several connections open ends each of them and delivers every held last line")
  void lastLinesOfManyConnectionsAtStop() throws Exception {
    String deployment = deploy(ServerParams.DEFAULTS);
    List<Socket> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        Socket socket = greeted();
        sockets.add(socket);
        send(socket, "c" + i + "-held");
      }
      await("five connections open", () -> stats.connections.get() == 5);
      // the stop delivers what the server has read: wait until it has read every held line
      await("every held line read", () -> stats.bytes.sum() == 5 * "c0-held".length());
      vertx.undeploy(deployment).await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(java.util.Set.of("c0-held", "c1-held", "c2-held", "c3-held", "c4-held"), java.util.Set.copyOf(delivered));
      assertEquals("final counts: received=5 forwarded=5 acked=5 dropped=0 replayed=0", stats.finalCounts(0));
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  @DisplayName("a connection that sends nothing for idleTimeoutSeconds is told why and closed; its partial line still counts")
  void idleTimeout() throws IOException {
    deploy(ServerParams.DEFAULTS.with(new JsonObject().put("idleTimeoutSeconds", 1)));
    try (Socket silent = greeted(); Socket partial = greeted()) {
      send(partial, "c4-partial");
      long start = System.nanoTime();
      assertEquals("ERROR no data for 1 s (idleTimeoutSeconds): connection closed", readLine(silent));
      assertEquals("ERROR no data for 1 s (idleTimeoutSeconds): connection closed", readLine(partial));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(null, readLine(silent), "closed after the error line");
      System.out.printf("idle connections closed %d ms after their last byte (idleTimeoutSeconds=1)%n", elapsedMs);
      assertTrue(elapsedMs < 2_500, elapsedMs + " ms");
    }
    await("the partial line delivered", () -> delivered.size() == 1);
    assertEquals(List.of("c4-partial"), delivered);
    assertEquals(2, stats.idleClosed.sum());
  }

  @Test
  @DisplayName("the idle sweep runs only while a connection is open (an idle server does not wake), and starts again with the next: "
      + "a later idle connection is closed too")
  void idleSweepOnlyWhileConnected() throws IOException {
    TcpIngestVerticle server = new TcpIngestVerticle(ServerParams.DEFAULTS.with(new JsonObject().put("port", port)
        .put("idleTimeoutSeconds", 1)), stats, new LogSpace(LogSettings.NONE), "t", 1, List.of());
    within(vertx.deployVerticle(server), "the ingest verticle deployed");
    assertFalse(server.sweeping(), "no sweep before a connection");
    try (Socket first = greeted()) {
      assertTrue(server.sweeping(), "a sweep while one is open");
      assertEquals("ERROR no data for 1 s (idleTimeoutSeconds): connection closed", readLine(first));
    }
    await("the sweep stopped once none is open", () -> !server.sweeping());
    try (Socket later = greeted()) {
      long start = System.nanoTime();
      assertEquals("ERROR no data for 1 s (idleTimeoutSeconds): connection closed", readLine(later));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(elapsedMs < 2_500, elapsedMs + " ms");
    }
    assertEquals(2, stats.idleClosed.sum());
  }

  @Test
  @DisplayName("idle connections that reconnect as soon as they are closed cannot keep an honest client out longer than idleTimeoutSeconds")
  void idleFlood() throws Exception {
    int slots = 20;
    int timeoutSeconds = 2;
    deploy(ServerParams.DEFAULTS.with(new JsonObject()
        .put("maxConnections", slots).put("idleTimeoutSeconds", timeoutSeconds)));
    AtomicBoolean flooding = new AtomicBoolean(true);
    List<Thread> attackers = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      Thread attacker = new Thread(() -> holdASlot(flooding), "attacker-" + i);
      attacker.setDaemon(true);
      attacker.start();
      attackers.add(attacker);
    }
    await("every slot taken", () -> stats.connections.get() >= slots);
    long start = System.nanoTime();
    int refusals = 0;
    try {
      while (true) {
        try (Socket honest = new Socket("127.0.0.1", port)) {
          honest.setSoTimeout((int) DEADLINE.toMillis());
          String first = readLine(honest);
          if (LineProtocol.GREETING.equals(first)) {
            send(honest, "honest line\n");
            break;
          }
          assertEquals("ERROR too many connections (limit " + slots + ")", first);
          refusals++;
        }
        assertTrue(System.nanoTime() - start < DEADLINE.toNanos(), "the honest client never got in");
      }
    } finally {
      flooding.set(false);
    }
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("honest client in after %d ms and %d refusals, %d idle connections closed (idleTimeoutSeconds=%d)%n",
        waitedMs, refusals, stats.idleClosed.sum(), timeoutSeconds);
    assertTrue(waitedMs <= timeoutSeconds * 1000L, "kept out " + waitedMs + " ms");
    await("the honest line delivered", () -> delivered.contains("honest line"));
    for (Thread attacker : attackers) {
      attacker.join(DEADLINE.toMillis());
    }
  }

  /** An attacker's connection: takes a slot, sends nothing, and takes another as soon as it is closed. */
  private void holdASlot(AtomicBoolean flooding) {
    while (flooding.get()) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout((int) DEADLINE.toMillis());
        while (readLine(socket) != null) {
          // the greeting, then the error line telling why it is closed
        }
      } catch (IOException | UncheckedIOException e) {
        // closed by the server: take another slot
      }
    }
  }

  @Test
  @DisplayName("ack port with a write log: ACK lines grow, and after the client's half-close a last ACK of every line, then the close")
  void ackPort(@TempDir Path data) throws IOException {
    int ackPort = TestPorts.free();
    LogSpace space = new LogSpace(new LogSettings(data, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES));
    String deployment = deploy(ServerParams.DEFAULTS.withAckPort(ackPort), space, List.of());
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 5_000; i++) {
      lines.append("ack-line-").append(i).append('\n');
    }
    try (Socket socket = new Socket("127.0.0.1", ackPort)) {
      socket.setSoTimeout((int) DEADLINE.toMillis());
      assertEquals(LineProtocol.GREETING, readLine(socket));
      send(socket, lines.toString());
      socket.shutdownOutput();
      List<String> acks = new ArrayList<>();
      for (String line = readLine(socket); line != null; line = readLine(socket)) {
        acks.add(line);
      }
      assertEquals("ACK 5000", acks.get(acks.size() - 1), "the last ACK, then the close: " + acks);
      long previous = 0;
      for (String ack : acks) {
        long n = Long.parseLong(ack.substring("ACK ".length()));
        assertTrue(n > previous, "ACKs grow: " + acks);
        previous = n;
      }
    }
    await("5000 lines delivered", () -> delivered.size() == 5_000);
    // the log's last checkpoint is written as the verticle stops: before the temporary directory goes
    within(vertx.undeploy(deployment), "the ingest verticle undeployed");
  }

  @Test
  @DisplayName("a start on a log a previous run left delivers its lines, then deletes the segment once they are acknowledged")
  void replaysWhatALogHolds(@TempDir Path data) throws Exception {
    LogSpace space = new LogSpace(new LogSettings(data, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES));
    java.util.concurrent.CompletableFuture<Void> written = new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(v -> {
      DataLog previous = new DataLog(vertx, space, "old-1", record -> { });
      try {
        for (int batch = 0; batch < 3; batch++) {
          DataBatch.Writer writer = new DataBatch.Writer(1024);
          for (int i = 1; i <= 100; i++) {
            byte[] text = ("old-" + (batch * 100 + i)).getBytes(StandardCharsets.UTF_8);
            writer.add("old-1-1", batch * 100 + i, 1, text, 0, text.length);
          }
          previous.append(writer.finish());
        }
        written.complete(null);
      } catch (IOException e) {
        written.completeExceptionally(e);
      }
    });
    written.get(10, TimeUnit.SECONDS);
    List<LogFiles.Segment> left = LogFiles.recover(data);
    assertEquals(300, left.get(0).lines());
    String deployment = deploy(ServerParams.DEFAULTS, space, left);
    await("300 lines delivered", () -> delivered.size() == 300);
    assertEquals("old-1", delivered.get(0));
    assertEquals(300, space.replayed.sum());
    await("the segment deleted", () -> !Files.exists(left.get(0).path()));
    within(vertx.undeploy(deployment), "the ingest verticle undeployed"); // its last checkpoint, before the directory goes
  }

  private String deploy(ServerParams params) {
    return deploy(params, new LogSpace(LogSettings.NONE), List.of());
  }

  private String deploy(ServerParams params, LogSpace space, List<LogFiles.Segment> leftover) {
    return within(vertx.deployVerticle(new TcpIngestVerticle(params.with(new JsonObject().put("port", port)),
        stats, space, "t", 1, leftover)), "the ingest verticle deployed");
  }

  private <T> T within(Future<T> future, String what) {
    try {
      return future.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": not within " + DEADLINE, e);
    }
  }

  private Socket greeted() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) DEADLINE.toMillis());
    assertEquals(LineProtocol.GREETING, readLine(socket));
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** The next line the server sent, or null at the end of the stream. */
  private static String readLine(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until as many lines as given are delivered, then checks they are these, in order, and counted as received. */
  private void assertDelivered(String... lines) {
    await(lines.length + " lines delivered", () -> delivered.size() >= lines.length);
    assertEquals(List.of(lines), delivered);
    assertEquals(lines.length, stats.received.sum());
  }

  private static void await(String what, BooleanSupplier done) {
    Await.until(what, DEADLINE, done);
  }
}
