package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.ServerAndMonitorCluster;
import io.vertxcenter.it.TestCluster;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the operator sees of client text, in separate JVMs fed over a plain socket: the monitor's
 * console and {@code center monitor tail} escape control characters, show one message the same
 * way, and bound what one message prints.
 */
class MonitorOutputIT extends ServerAndMonitorCluster {
  /** Clears the screen, homes the cursor, rings, and forges a line of its own after a lone CR. */
  private static final String HOSTILE = "\u001b[2J\u001b[H\u0007\u000b\u000c\u0000\u007f\u009b31m\rReceived String: forged";
  private static final String HOSTILE_SHOWN = "Received String: \\x1b[2J\\x1b[H\\x07\\x0b\\x0c\\x00\\x7f\\x9b31m\\rReceived String: forged";

  @Test
  @DisplayName("control characters from a client reach neither the monitor's console nor monitor tail raw; tail shows what the monitor shows")
  void controlsAreEscaped() throws InterruptedException {
    try (NodeProcess tail = NodeProcess.start("tail", List.of("monitor", "tail", "--count", "2", "--cluster", nodes.bridge()));
         NodeProcess tailJson = NodeProcess.start("tail-json", List.of("monitor", "tail", "--count", "2", "--json",
             "--cluster", nodes.bridge()))) {
      tail.awaitLine(line -> line.startsWith("tailing center.tap"), DELIVERY);
      tailJson.awaitLine(line -> line.startsWith("tailing center.tap"), DELIVERY);
      try (LineSocket socket = LineSocket.greeted(nodes.serverPort())) {
        socket.send(HOSTILE + "\n" + "JSON|{\"esc\":\"\\u001b[2J\",\"c1\":\"\u009b\"}\n");
      }
      assertTrue(tail.process().waitFor(DELIVERY.toSeconds(), TimeUnit.SECONDS), "tail did not stop after 2:\n" + tail.output());
      assertTrue(tailJson.process().waitFor(DELIVERY.toSeconds(), TimeUnit.SECONDS), "tail did not stop after 2:\n" + tailJson.output());
      monitor.awaitLine(line -> line.endsWith(HOSTILE_SHOWN), DELIVERY);
      monitor.awaitLine(line -> line.equals("  \"c1\": \"\\u009b\""), DELIVERY);

      for (NodeProcess shown : List.of(monitor, tail, tailJson)) {
        String output = shown.output();
        assertFalse(output.chars().anyMatch(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)),
            "a raw control character in the output of " + shown.process().info().commandLine().orElse("?") + ":\n" + output);
        assertFalse(output.lines().anyMatch(line -> line.startsWith("Received String: forged")), "a forged line:\n" + output);
      }
      assertEquals(List.of(HOSTILE_SHOWN, "Received JSON data: object", "{", "  \"esc\": \"\\u001b[2J\",", "  \"c1\": \"\\u009b\"", "}"),
          tail.output().lines().filter(line -> !line.startsWith("tailing")).toList(), "tail shows messages as the monitor does");
      List<JsonObject> tapped = tailJson.output().lines().filter(line -> line.startsWith("{")).map(JsonObject::new).toList();
      assertEquals(HOSTILE, tapped.get(0).getString("text"), "--json keeps the text exactly, escaped as JSON");
      assertEquals("json", tapped.get(1).getString("kind"));
    }
  }

  @Test
  @DisplayName("a 64 KiB JSON line nested 990 deep prints at most 64 KiB at the monitor, is counted as cut, and the stream goes on")
  void deepLineIsBounded() {
    JsonObject before = nodes.monitorStatus();
    String deep = "JSON|" + "[".repeat(990) + "1,".repeat(31_775) + "1" + "]".repeat(990);
    assertEquals(65_536, deep.length());
    try (LineSocket socket = LineSocket.greeted(nodes.serverPort())) {
      socket.send(deep + "\nafter the deep line\n");
    }
    JsonObject after = TestCluster.await("2 more messages", nodes::monitorStatus,
        status -> status.getLong("messages") >= before.getLong("messages") + 2, DELIVERY);
    assertEquals(before.getLong("cut") + 1, after.getLong("cut"));
    monitor.awaitLine(line -> line.endsWith("Received String: after the deep line"), DELIVERY);
    String note = monitor.awaitLine(line -> line.startsWith("... ("), DELIVERY);
    assertTrue(note.matches("\\.\\.\\. \\(\\d+ more lines, \\d{8} more bytes\\)"), note);
    long printed = monitor.output().lines().filter(line -> line.startsWith("  ")).mapToLong(line -> line.length() + 1).sum();
    assertTrue(printed <= 65_536, "the monitor printed " + printed + " bytes of the deep line");
  }
}
