package io.vertxcenter.client;

import static io.vertxcenter.client.ClientRoleProbe.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.LineProtocol;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client role sending to an acknowledging port ({@code ackPort}), against a fake ack server in
 * the test: real TCP, the server's greeting, {@code ACK <n>} lines as the test decides. What the
 * client generated is counted at the fake server by the lines' own numbers, not by the client's word.
 */
@ExtendWith(VertxExtension.class)
class AckClientTest {
  private static final String NODE = "spec-ack-client";
  private static final Pattern NUMBERED = Pattern.compile("(?:message (\\S+) (\\d+) |JSON\\|\\{\"connection\":\"([^\"]+)\",\"n\":(\\d+),)");

  private Vertx vertx;
  private AckServer server;
  private ClientRoleProbe probe;

  @BeforeEach
  void listen(Vertx vertx) {
    this.vertx = vertx;
    this.server = new AckServer();
    this.probe = new ClientRoleProbe(vertx, NODE, () -> "ack server: " + server);
    within(vertx.deployVerticle(new ClientRoleVerticle(NODE, LoadPlan.DEFAULTS, false)), "the client role deployed");
  }

  @Test
  @DisplayName("ackPort: ACKs advance as the server takes lines; a count=K run ends with K sent, K acknowledged, none resent")
  void acknowledgementsAdvance() {
    int count = 20_000;
    server.ackEvery(20);

    probe.command("start", plan().put("count", count).put("connections", 2));

    JsonObject stopped = probe.await("the client stopped by itself", () -> !probe.status().getBoolean("running"));
    assertEquals(count, stopped.getLong("sent"), stopped.encode());
    assertEquals(count, stopped.getLong("acknowledged"), stopped.encode());
    assertEquals(0, stopped.getLong("unacknowledged"), stopped.encode());
    assertEquals(0, stopped.getLong("resent"), stopped.encode());
    assertEquals(count, server.distinct.size(), "distinct numbered lines at the server");
    assertEquals(count, server.lines.get(), "lines at the server, resends included");
    assertTrue(server.acksSent.get() > 2, "ACKs the server sent: " + server.acksSent.get());
  }

  @Test
  @DisplayName("ackPort: a connection dropped mid-stream after ACK 1000: the next connection starts with line 1000, and every line arrives")
  void droppedConnectionResends() {
    int count = 10_000;
    server.firstConnection(1_000, 3_000);
    server.ackEvery(20);

    probe.command("start", plan().put("count", count).put("connections", 1));
    // Closed only once the client took ACK 1000: a socket closed with lines unread sends a reset,
    // which may discard an ACK the client has not read yet (it then rightly starts again from 0).
    probe.await("the server read 3,000 lines and the client took ACK 1000",
        () -> server.firstRead() >= 3_000 && probe.status().getLong("acknowledged") == 1_000);
    server.closeFirst();

    JsonObject stopped = probe.await("the client stopped by itself", () -> !probe.status().getBoolean("running"));
    assertEquals(count, stopped.getLong("acknowledged"), stopped.encode());
    assertEquals(0, stopped.getLong("unacknowledged"), stopped.encode());
    assertTrue(stopped.getLong("resent") >= 2_000, "lines 1000..2999 at least were sent again: " + stopped.encode());
    assertEquals(count, server.distinct.size(), "distinct numbered lines at the server: none lost");
    assertEquals(2, server.firstNumbers.size(), "connections: " + server.firstNumbers);
    assertEquals(List.of(0L, 1_000L), server.firstNumbers, "the first line number of each connection");
  }

  @Test
  @DisplayName("ackPort: with nothing acknowledged the client stops at its 16 MiB bound (255 lines of 64 KiB), and an ACK of 100 lets exactly 100 more go")
  void boundPausesSending() {
    long atBound = AckWindow.MAX_BYTES / (65_536 + 1);

    probe.command("start", plan().put("size", 65_536).put("connections", 1));

    probe.await(atBound + " lines at the server", () -> server.lines.get() == atBound);
    // the bound holds: nothing more comes while nothing is acknowledged (a bounded look, not a wait for a condition)
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
    JsonObject paused = probe.status();
    assertEquals(atBound, paused.getLong("sent"), paused.encode());
    assertEquals(atBound, paused.getLong("unacknowledged"), paused.encode());
    assertEquals(atBound, server.lines.get(), "lines at the server while paused");

    server.ackAll(100);
    JsonObject resumed = probe.await(atBound + 100 + " lines at the server", () -> server.lines.get() == atBound + 100);
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
    assertEquals(atBound + 100, server.lines.get(), "no more than the 100 acknowledged made room for");
    assertEquals(100, probe.status().getLong("acknowledged"), resumed.encode());
    probe.command("stop", new JsonObject());
  }

  @Test
  @DisplayName("ackPort: a line that is not 'ACK <n>' fails the connection with a reason naming the server and the line; the client connects again")
  void malformedAck() {
    server.reply("ACK 1\u001b2");

    probe.command("start", plan().put("rate", 100).put("connections", 1));

    JsonObject failed = probe.await("a second connection", () -> server.firstNumbers.size() >= 2);
    assertEquals("cannot use 127.0.0.1:" + server.port + ": it sent a line that is not 'ACK <n>' ('ACK 1\\x1b2')",
        failed.getString("lastFailure"), failed.encode());
    assertTrue(failed.getBoolean("running"), failed.encode());
    assertTrue(failed.getLong("errors") >= 1, failed.encode());
    assertEquals(0L, server.firstNumbers.get(1), "nothing was acknowledged: the second connection starts again at line 0");
    probe.command("stop", new JsonObject());
  }

  private JsonObject plan() {
    return new JsonObject().put("ackPort", server.port).put("rate", 0);
  }

  /**
   * A fake acknowledging port on a free loopback port: greets, counts the numbered lines it reads
   * (distinct by connection name and number, and in all), and writes {@code ACK <n>} as the test says.
   */
  private final class AckServer {
    final int port;
    final AtomicLong lines = new AtomicLong();
    final Set<String> distinct = ConcurrentHashMap.newKeySet();
    /** The number of the first line each connection read, in connection order. */
    final List<Long> firstNumbers = new CopyOnWriteArrayList<>();
    final AtomicLong acksSent = new AtomicLong();
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private volatile long firstAck = -1;
    private volatile long firstCloseAt = -1;
    private volatile String reply;

    AckServer() {
      port = within(vertx.createNetServer().connectHandler(this::accepted).listen(0, "127.0.0.1"), "the ack server listening").actualPort();
    }

    /** Every {@code ms}, each connection acknowledges every line it read, when that is more than it did. */
    void ackEvery(long ms) {
      vertx.setPeriodic(ms, id -> open.forEach(connection -> connection.ack(connection.read)));
    }

    /**
     * The first connection acknowledges {@code ack} lines once it read them, and counts no line after
     * {@code closeAt} (nor acknowledges any) until {@link #closeFirst} closes it.
     */
    void firstConnection(long ack, long closeAt) {
      firstAck = ack;
      firstCloseAt = closeAt;
    }

    /** Lines the first connection read and counted; 0 before it opened. */
    long firstRead() {
      return open.stream().filter(connection -> connection.first).mapToLong(connection -> connection.read).findFirst()
          .orElse(firstNumbers.isEmpty() ? 0 : firstCloseAt);
    }

    /** Closes the first connection. */
    void closeFirst() {
      vertx.runOnContext(v -> open.stream().filter(connection -> connection.first).forEach(connection -> {
        open.remove(connection);
        connection.socket.close();
      }));
    }

    /** Each open connection acknowledges {@code count} lines. */
    void ackAll(long count) {
      vertx.runOnContext(v -> open.forEach(connection -> connection.ack(count)));
    }

    /** Each connection answers its first line with {@code line} instead of an ACK. */
    void reply(String line) {
      reply = line;
    }

    private void accepted(NetSocket socket) {
      boolean first = firstNumbers.isEmpty() && open.isEmpty();
      Connection connection = new Connection(socket, first);
      open.add(connection);
      socket.closeHandler(v -> open.remove(connection));
      socket.write(LineProtocol.GREETING + "\n");
    }

    @Override
    public String toString() {
      return lines + " lines, " + distinct.size() + " distinct, first numbers " + firstNumbers + ", " + acksSent + " ACKs";
    }

    private final class Connection {
      final NetSocket socket;
      final boolean first;
      long read;
      long acked;
      boolean closed;

      Connection(NetSocket socket, boolean first) {
        this.socket = socket;
        this.first = first;
        RecordParser.newDelimited("\n", socket).handler(line -> line(line.toString()));
      }

      void line(String text) {
        if (closed) {
          return;
        }
        Matcher numbered = NUMBERED.matcher(text);
        assertTrue(numbered.lookingAt(), "a numbered line: " + text.substring(0, Math.min(80, text.length())));
        String name = numbered.group(1) != null ? numbered.group(1) : numbered.group(3);
        long n = Long.parseLong(numbered.group(2) != null ? numbered.group(2) : numbered.group(4));
        if (read == 0) {
          firstNumbers.add(n);
        }
        read++;
        lines.incrementAndGet();
        distinct.add(name + " " + n);
        if (reply != null && read == 1) {
          socket.write(reply + "\n");
        }
        if (first && firstAck >= 0) {
          if (read == firstAck) {
            ack(firstAck);
          } else if (read == firstCloseAt) {
            closed = true;
          }
        }
      }

      void ack(long n) {
        boolean holding = first && firstAck >= 0;
        if (n > acked && !closed && (!holding || n == firstAck)) {
          acked = n;
          acksSent.incrementAndGet();
          socket.write(LineProtocol.ACK_PREFIX + n + "\n");
        }
      }
    }
  }
}
