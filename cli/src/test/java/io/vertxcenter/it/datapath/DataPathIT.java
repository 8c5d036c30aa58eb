package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.ServerAndMonitorCluster;
import io.vertxcenter.it.TestCluster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The data path end to end, in separate JVMs (a server node and a monitor node in one Hazelcast
 * cluster), fed by a plain socket client: framing, bad input and limits, each checked in the
 * monitor's output and in the server's and monitor's counts.
 */
class DataPathIT extends ServerAndMonitorCluster {
  @Test
  @DisplayName("a line split at every byte boundary, multi-byte UTF-8 included, arrives whole, once")
  void splitLines() {
    JsonObject before = nodes.monitorStatus();
    List<String> texts = new ArrayList<>();
    try (LineSocket socket = LineSocket.greeted(nodes.serverPort())) {
      byte[] sample = "split 00 é€😀 end".getBytes(StandardCharsets.UTF_8);
      for (int cut = 1; cut < sample.length + 1; cut++) {
        String text = String.format("split %02d é€😀 end", cut);
        byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        socket.send(slice(line, 0, cut)).send(slice(line, cut, line.length));
        texts.add(text);
      }
    }
    JsonObject after = awaitMessages(before, texts.size());
    assertEquals(texts.size(), delta(before, after, "strings"));
    for (String text : texts) {
      monitor.awaitLine(line -> line.endsWith("Received String: " + text), DELIVERY);
    }
  }

  @Test
  @DisplayName("CRLF endings are accepted, blank lines skipped, JSON lines pretty-printed, invalid JSON shown and counted")
  void lineEndingsAndJson() {
    JsonObject before = nodes.monitorStatus();
    try (LineSocket socket = LineSocket.greeted(nodes.serverPort())) {
      socket.send("crlf line\r\n\n\r\n   \nJSON|{\"kind\":\"valid\",\"list\":[1,2]}\r\nJSON|{not json\n");
    }
    JsonObject after = awaitMessages(before, 3);
    assertEquals(1, delta(before, after, "strings"));
    assertEquals(1, delta(before, after, "json"));
    assertEquals(1, delta(before, after, "invalidJson"));
    monitor.awaitLine(line -> line.endsWith("Received String: crlf line"), DELIVERY);
    monitor.awaitLine(line -> line.endsWith("Received JSON data: object"), DELIVERY);
    monitor.awaitLine(line -> line.equals("  \"kind\": \"valid\","), DELIVERY);
    monitor.awaitLine(line -> line.contains("Received invalid JSON") && line.endsWith("JSON|{not json"), DELIVERY);
  }

  @Test
  @DisplayName("invalid UTF-8 is replaced and counted, and the connection lives on")
  void invalidUtf8() {
    JsonObject before = nodes.monitorStatus();
    long invalidBefore = nodes.serverStatus().getLong("invalidUtf8");
    try (LineSocket socket = LineSocket.greeted(nodes.serverPort())) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes("bad ".getBytes(StandardCharsets.US_ASCII));
      bytes.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
      bytes.writeBytes(" end\nafter the bad line\n".getBytes(StandardCharsets.US_ASCII));
      socket.send(bytes.toByteArray());
    }
    awaitMessages(before, 2);
    assertEquals(invalidBefore + 1, nodes.serverStatus().getLong("invalidUtf8"));
    monitor.awaitLine(line -> line.endsWith("Received String: bad \uFFFD\uFFFD end"), DELIVERY);
    monitor.awaitLine(line -> line.endsWith("Received String: after the bad line"), DELIVERY);
  }

  @Test
  @DisplayName("a line over the limit gets an error line and its connection is closed; other clients go on")
  void oversizedLine() {
    JsonObject before = nodes.monitorStatus();
    long rejectedBefore = nodes.serverStatus().getLong("rejected");
    try (LineSocket bystander = LineSocket.greeted(nodes.serverPort());
         LineSocket offender = LineSocket.greeted(nodes.serverPort())) {
      offender.send("before the long line\n").send("x".repeat(70_000));
      assertEquals("ERROR line too long (limit 65536 bytes)", offender.readLine());
      assertTrue(offender.closedByServer(), "the connection of the long line is closed");
      bystander.send("bystander still served\n");
    }
    awaitMessages(before, 2);
    assertEquals(rejectedBefore + 1, nodes.serverStatus().getLong("rejected"));
    monitor.awaitLine(line -> line.endsWith("Received String: before the long line"), DELIVERY);
    monitor.awaitLine(line -> line.endsWith("Received String: bystander still served"), DELIVERY);
    assertFalse(monitor.output().contains("Received String: xxxxxxxx"), "no part of the long line is forwarded");
  }

  @Test
  @DisplayName("a line of exactly the limit is accepted, with or without CR")
  void lineAtTheLimit() {
    JsonObject before = nodes.monitorStatus();
    try (LineSocket socket = LineSocket.greeted(nodes.serverPort())) {
      socket.send("y".repeat(65_536) + "\r\n" + "z".repeat(65_536) + "\n");
    }
    awaitMessages(before, 2);
  }

  @Test
  @DisplayName("params change only while stopped, bad values name the range, and over maxConnections a client is told and closed")
  void commandsAndConnectionLimit() {
    CliException running = assertThrows(CliException.class, () -> nodes.request(Role.SERVER, "start", new JsonObject()));
    assertTrue(running.getMessage().contains("already running"), running.getMessage());
    CliException busy = assertThrows(CliException.class,
        () -> nodes.request(Role.SERVER, "params-set", new JsonObject().put("maxConnections", 2)));
    assertTrue(busy.getMessage().contains("server stop"), busy.getMessage());

    assertFalse(nodes.request(Role.SERVER, "stop", new JsonObject()).getBoolean("listening"));
    CliException bad = assertThrows(CliException.class,
        () -> nodes.request(Role.SERVER, "params-set", new JsonObject().put("maxConnections", 0)));
    assertEquals(CliException.USAGE, bad.exitCode());
    assertTrue(bad.getMessage().contains("from 1 to 100000"), bad.getMessage());
    assertEquals(2, nodes.request(Role.SERVER, "params-set", new JsonObject().put("maxConnections", 2)).getInteger("maxConnections"));
    assertTrue(nodes.request(Role.SERVER, "start", new JsonObject()).getBoolean("listening"));

    long rejectedBefore = nodes.serverStatus().getLong("rejected");
    try (LineSocket first = LineSocket.greeted(nodes.serverPort());
         LineSocket second = LineSocket.greeted(nodes.serverPort());
         LineSocket third = LineSocket.connect(nodes.serverPort())) {
      assertEquals("ERROR too many connections (limit 2)", third.readLine());
      assertTrue(third.closedByServer());
      assertEquals(rejectedBefore + 1, nodes.serverStatus().getLong("rejected"));
    } finally {
      nodes.request(Role.SERVER, "stop", new JsonObject());
      nodes.request(Role.SERVER, "params-set", new JsonObject().put("maxConnections", 1000));
      nodes.request(Role.SERVER, "start", new JsonObject());
    }
  }

  @Test
  @DisplayName("a server node whose port is taken still comes up, and says why it does not listen")
  void portInUse() {
    NodeProcess second = nodes.node("second server", Role.SERVER).start().awaitReady();
    second.awaitLine(line -> line.contains("ERROR") && line.contains("cannot listen on 127.0.0.1:" + nodes.serverPort()),
        DELIVERY);
    assertFalse(nodes.request(second.pid(), Role.SERVER, "status", new JsonObject()).getBoolean("listening"));
    CliException refused = assertThrows(CliException.class, () -> nodes.request(second.pid(), Role.SERVER, "start", new JsonObject()));
    assertTrue(refused.getMessage().contains("cannot listen on 127.0.0.1:" + nodes.serverPort())
        && refused.getMessage().contains("server params set port="), refused.getMessage());
    assertEquals(0, second.stop(Duration.ofSeconds(30)), second.output());
  }

  /** Waits until the monitor has {@code added} more messages than before, then checks that no line came twice. */
  private static JsonObject awaitMessages(JsonObject before, long added) {
    long expected = before.getLong("messages") + added;
    JsonObject after = TestCluster.await("monitor at " + expected + " messages", nodes::monitorStatus,
        status -> status.getLong("messages") >= expected, DELIVERY);
    assertEquals(expected, after.getLong("messages"), "messages: " + after.encode());
    assertEquals(before.getLong("duplicates"), after.getLong("duplicates"), "duplicates: " + after.encode());
    return after;
  }

  private static long delta(JsonObject before, JsonObject after, String key) {
    return after.getLong(key) - before.getLong(key);
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    byte[] part = new byte[to - from];
    System.arraycopy(bytes, from, part, 0, part.length);
    return part;
  }
}
