package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.it.ConsoleCapture;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.monitor.MonitorRoleVerticle;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.ServerParams;
import io.vertxcenter.server.ServerRoleVerticle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server and monitor roles deployed as a node deploys them, in one (non-clustered) Vert.x with
 * the local event bus, fed over a real TCP socket on loopback: what a user sees of the data path,
 * asserted through the role commands' status replies and the monitor's console, in seconds.
 */
@ExtendWith(VertxExtension.class)
class DataPathSpecTest {
  private static final String NODE = "spec-node";
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private Vertx vertx;
  private int port;
  private ConsoleCapture console;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.port = TestPorts.free(); // not 0: the server's params take 1-65535 and its status names the configured port
    this.console = new ConsoleCapture();
  }

  @AfterEach
  void restoreConsole() {
    console.close();
  }

  @Test
  @DisplayName("lines in over a socket (plain, JSON, invalid JSON, CRLF, a line and a character split across writes) "
      + "reach the monitor in order, each counted once and printed in its console form")
  void linesReachTheMonitor() {
    deployServer();
    deployMonitor(PrintMode.ALL);
    byte[] split = "naïve split".getBytes(StandardCharsets.UTF_8);
    try (LineSocket socket = LineSocket.greeted(port)) {
      socket.send("plain one\r\nJSON|{\"a\":[1,\"b\"]}\nJSON|{\"a\":}\r\n");
      socket.send(Arrays.copyOfRange(split, 0, 3)); // "na" and the first byte of "ï"
      await("the first 3 lines at the server", () -> command(Role.SERVER, "status"), status -> status.getLong("received") == 3);
      socket.send(Arrays.copyOfRange(split, 3, split.length));
      socket.send("\r");
      socket.send("\nJSON|42\n");
    }

    JsonObject monitor = await("5 messages at the monitor", () -> command(Role.MONITOR, "status"),
        status -> status.getLong("messages") == 5);
    assertEquals(2, monitor.getLong("strings"), monitor.encode());
    assertEquals(2, monitor.getLong("json"), monitor.encode());
    assertEquals(1, monitor.getLong("invalidJson"), monitor.encode());
    assertEquals(0, monitor.getLong("duplicates"), monitor.encode());
    JsonObject server = await("5 lines acknowledged", () -> command(Role.SERVER, "status"), status -> status.getLong("acked") == 5);
    assertEquals(5, server.getLong("received"), server.encode());
    assertEquals(0, server.getLong("pending"), server.encode());

    assertPrintedOnceInOrder(List.of(
        "Received String: plain one",
        "Received JSON data: object\n{\n  \"a\": [\n    1,\n    \"b\"\n  ]\n}",
        "Received invalid JSON (unexpected character '}' at byte 6): JSON|{\"a\":}",
        "Received String: naïve split",
        "Received JSON data: number\n42"));
  }

  @Test
  @DisplayName("with no monitor the server holds the lines and pauses reading; once a monitor comes, every line arrives once and reading resumes")
  void pauseAndResume() {
    int lines = 5_000;
    deployServer();
    StringBuilder text = new StringBuilder();
    for (int n = 1; n <= lines; n++) {
      text.append(n % 2 == 0 ? "JSON|{\"n\":" + n + "}" : "line " + n).append('\n');
    }
    try (LineSocket socket = LineSocket.greeted(port)) {
      socket.send(text.toString());
      JsonObject held = await("the server paused with lines held", () -> command(Role.SERVER, "status"),
          status -> status.getBoolean("paused") && status.getLong("received") > 0);
      assertEquals(0, held.getLong("acked"), held.encode());
      assertEquals(held.getLong("received"), held.getLong("pending"), "every line read is held: " + held.encode());

      deployMonitor(PrintMode.NONE);
      JsonObject monitor = await(lines + " messages at the monitor", () -> command(Role.MONITOR, "status"),
          status -> status.getLong("messages") == lines);
      JsonObject server = await("the server acknowledged and reading", () -> command(Role.SERVER, "status"),
          status -> status.getLong("acked") == lines && !status.getBoolean("paused"));
      assertEquals(0, monitor.getLong("duplicates"), monitor.encode());
      assertEquals(lines / 2, monitor.getLong("json"), monitor.encode());
      assertEquals(lines, server.getLong("received"), server.encode());
      assertEquals(0, server.getLong("pending"), server.encode());
      assertEquals(0, server.getLong("dropped"), server.encode());
    }
  }

  @Test
  @DisplayName("a batch delivered twice (as the server resends one) is counted and printed once; the second copy counts as duplicates")
  void batchDeliveredTwice() {
    deployMonitor(PrintMode.ALL);
    Buffer batch = batch("spec-conn-1", "dup-1", "dup-2", "dup-3");

    JsonObject first = within(vertx.eventBus().<JsonObject>request(Addresses.DATA, batch), "the first delivery").body();
    JsonObject second = within(vertx.eventBus().<JsonObject>request(Addresses.DATA, batch), "the second delivery").body();

    assertEquals(3, first.getInteger("accepted"), first.encode());
    assertEquals(0, first.getInteger("duplicates"), first.encode());
    assertEquals(0, second.getInteger("accepted"), second.encode());
    assertEquals(3, second.getInteger("duplicates"), second.encode());
    JsonObject monitor = command(Role.MONITOR, "status");
    assertEquals(3, monitor.getLong("messages"), monitor.encode());
    assertEquals(3, monitor.getLong("duplicates"), monitor.encode());
    assertPrintedOnceInOrder(List.of("Received String: dup-1", "Received String: dup-2", "Received String: dup-3"));
  }

  @Test
  @DisplayName("a monitor's acknowledgement lost on the way: the server sends the batch again and the monitor counts the line once")
  void lostAcknowledgement() {
    AtomicInteger acksLost = new AtomicInteger();
    vertx.eventBus().addOutboundInterceptor((DeliveryContext<Object> delivery) -> {
      if (delivery.message().body() instanceof JsonObject reply && reply.containsKey("accepted") && acksLost.getAndIncrement() == 0) {
        return; // the first acknowledgement never reaches the server
      }
      delivery.next();
    });
    deployServer();
    deployMonitor(PrintMode.ALL);
    try (LineSocket socket = LineSocket.greeted(port)) {
      socket.send("sent once\n");
      JsonObject server = await("the line acknowledged", () -> command(Role.SERVER, "status"), status -> status.getLong("acked") == 1);
      assertEquals(1, server.getLong("resent"), "the server resent the unacknowledged batch: " + server.encode());
      assertEquals(0, server.getLong("pending"), server.encode());
    }
    JsonObject monitor = command(Role.MONITOR, "status");
    assertEquals(1, monitor.getLong("messages"), monitor.encode());
    assertEquals(1, monitor.getLong("duplicates"), monitor.encode());
    assertTrue(acksLost.get() >= 2, "both deliveries were acknowledged");
    assertPrintedOnceInOrder(List.of("Received String: sent once"));
  }

  /** Deploys the server role on {@link #port} and waits until it listens (the role may report started before). */
  private void deployServer() {
    ServerParams params = ServerParams.DEFAULTS.with(new JsonObject().put("port", port));
    within(vertx.deployVerticle(new ServerRoleVerticle(NODE, params)), "the server role deployed");
    await("the server listening", () -> command(Role.SERVER, "status"), status -> status.getBoolean("listening"));
  }

  private void deployMonitor(PrintMode print) {
    within(vertx.deployVerticle(new MonitorRoleVerticle(NODE, print, System.out)), "the monitor role deployed");
  }

  /** The reply to {@code action} sent to this node's {@code role}, as the CLI sends it. */
  private JsonObject command(Role role, String action) {
    return within(vertx.eventBus().<JsonObject>request(Addresses.nodeRole(NODE, role), CommandRouter.command(action, new JsonObject())),
        role.label() + " " + action).body();
  }

  private static <T> T within(Future<T> future, String what) {
    try {
      return future.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": not done within " + DEADLINE);
    }
  }

  /** Asks {@code status} until {@code done} holds, for up to {@link #DEADLINE}; returns the status that did. */
  private static JsonObject await(String what, Supplier<JsonObject> status, Predicate<JsonObject> done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    JsonObject last = status.get();
    while (!done.test(last)) {
      assertTrue(System.nanoTime() < deadline, what + ": not within " + DEADLINE + "; last status " + last.encode());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      last = status.get();
    }
    return last;
  }

  /** Each message's console text was printed exactly once, as whole lines, in this order. */
  private void assertPrintedOnceInOrder(List<String> messages) {
    String printed = console.text();
    int from = 0;
    for (String message : messages) {
      String line = message + System.lineSeparator();
      assertEquals(1, console.count(line), "printed once: " + message + "\n--- console:\n" + printed);
      int at = printed.indexOf(line, from);
      assertTrue(at >= 0, "printed after the message before it: " + message + "\n--- console:\n" + printed);
      from = at + line.length();
    }
  }

  /** A batch as a server sends it: the lines of one connection, numbered from 1. */
  private static Buffer batch(String connection, String... lines) {
    DataBatch.Writer writer = new DataBatch.Writer(1024);
    long seq = 0;
    for (String line : lines) {
      byte[] text = line.getBytes(StandardCharsets.UTF_8);
      writer.add(connection, ++seq, DataBatch.nowMicros(), text, 0, text.length);
    }
    return writer.finish();
  }
}
