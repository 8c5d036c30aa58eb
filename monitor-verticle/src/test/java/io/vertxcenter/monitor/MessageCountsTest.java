package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.DataBatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageCountsTest {

  @Test
  @DisplayName("the status and the summary line count each kind, duplicates, cut and failed lines, the last second's rate, and show the last string and JSON")
  void countsAndSummary() {
    MessageCounts counts = new MessageCounts();
    assertNull(counts.toJson().getLong("lastReceivedAt"), "nothing received yet");
    DataBatch.Reader batch = batch("hello \u001b[2J", "JSON|{\"a\":1}", "JSON|{", "x".repeat(70));
    batch.next();
    counts.line(batch, ConsoleMessage.Kind.STRING, false);
    batch.next();
    counts.line(batch, ConsoleMessage.Kind.JSON, false);
    batch.next();
    counts.line(batch, ConsoleMessage.Kind.INVALID_JSON, false);
    batch.next();
    counts.failed();
    counts.batch(4, 1, 2, 1_700_000_000_000L);
    counts.second();
    assertEquals(new JsonObject().put("messages", 4L).put("json", 1L).put("invalidJson", 1L).put("strings", 1L)
        .put("duplicates", 2L).put("resent", 1L).put("late", 0L).put("cut", 0L).put("errors", 1L).put("lastReceivedAt", 1_700_000_000_000L).put("ratePerSec", 4L),
        counts.toJson());
    DataBatch.Reader next = batch("x".repeat(70));
    next.next();
    counts.line(next, ConsoleMessage.Kind.STRING, true);
    counts.batch(1, 0, 0, 1_700_000_000_001L);
    assertEquals("4 msg/s; total 5: 2 strings, 1 JSON, 1 invalid JSON, 2 duplicates, 1 cut, 1 errors; latency p50 null ms,"
        + " p99 null ms; last string: " + "x".repeat(57) + "...; last JSON: JSON|{\"a\":1}", counts.summary(new LatencyRecorder()));
  }

  private static DataBatch.Reader batch(String... lines) {
    DataBatch.Writer writer = new DataBatch.Writer(256);
    long seq = 0;
    for (String line : lines) {
      byte[] text = line.getBytes(StandardCharsets.UTF_8);
      writer.add("c1", ++seq, 0, text, 0, text.length);
    }
    return new DataBatch.Reader(writer.finish());
  }
}
