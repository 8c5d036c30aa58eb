package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertxcenter.common.DataBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DedupeTest {
  private final Dedupe dedupe = new Dedupe();

  @Test
  @DisplayName("a resent (connection, seq) is dropped; a new seq, or the same seq of another connection, is kept")
  void dropsResentLinesOnly() {
    assertEquals(List.of(true, true), newOnes(0, "c1:1", "c1:2"));
    assertEquals(List.of(false, true, true, false), newOnes(0, "c1:2", "c1:3", "c2:2", "c1:1"), "the batch sent again, with new lines");
    assertEquals(2, dedupe.connections());
  }

  @Test
  @DisplayName("a connection silent for ten minutes is forgotten; one that sent meanwhile is kept")
  void forgetsIdleConnections() {
    newOnes(0, "old:1");
    newOnes(Dedupe.FORGET_CONNECTION_MS / 2, "busy:1");
    dedupe.forgetIdle(Dedupe.FORGET_CONNECTION_MS);
    assertEquals(2, dedupe.connections(), "not yet ten minutes");
    dedupe.forgetIdle(Dedupe.FORGET_CONNECTION_MS + 1);
    assertEquals(1, dedupe.connections());
    assertEquals(List.of(false), newOnes(Dedupe.FORGET_CONNECTION_MS + 1, "busy:1"), "the kept one still knows its lines");
  }

  /** Reads a batch of "connection:seq" lines that came at {@code nowMillis}; whether each was new. */
  private List<Boolean> newOnes(long nowMillis, String... lines) {
    DataBatch.Writer writer = new DataBatch.Writer(256);
    for (String line : lines) {
      String[] parts = line.split(":");
      byte[] text = line.getBytes(StandardCharsets.UTF_8);
      writer.add(parts[0], Long.parseLong(parts[1]), 0, text, 0, text.length);
    }
    DataBatch.Reader batch = new DataBatch.Reader(writer.finish());
    dedupe.batch(batch, nowMillis);
    List<Boolean> fresh = new ArrayList<>();
    while (batch.next()) {
      fresh.add(dedupe.isNew(batch));
    }
    return fresh;
  }
}
