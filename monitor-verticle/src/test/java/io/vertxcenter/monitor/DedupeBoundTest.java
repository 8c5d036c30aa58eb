package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.common.DataBatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DedupeBoundTest {
  @Test
  @DisplayName("dedupe memory is bounded by live sources: 206,052 short connections leave at most the cap, and none once idle 60 s")
  void boundedByLiveSources() {
    Dedupe dedupe = new Dedupe(1_000);
    long now = 1_000_000;
    for (int connection = 0; connection < 206_052; connection++) {
      DataBatch.Reader batch = oneLine("short-" + connection, 1);
      dedupe.batch(batch, now + connection / 1_000);
      batch.next();
      assertTrue(dedupe.isNew(batch));
    }
    assertEquals(1_000, dedupe.connections(), "the cap");
    dedupe.forgetIdle(now + 206 + Dedupe.FORGET_CONNECTION_MS - 1);
    assertTrue(dedupe.connections() > 0 && dedupe.connections() <= 1_000);
    dedupe.forgetIdle(now + 207 + Dedupe.FORGET_CONNECTION_MS);
    assertEquals(0, dedupe.connections(), "idle for a minute: forgotten");
  }

  @Test
  @DisplayName("past the cap the connection unheard of longest is forgotten; one in use stays")
  void leastRecentlyUsedGoes() {
    Dedupe dedupe = new Dedupe(2);
    assertTrue(seen(dedupe, "a", 1));
    assertTrue(seen(dedupe, "b", 1));
    assertFalse(seen(dedupe, "a", 1), "a is used again");
    assertTrue(seen(dedupe, "c", 1)); // b goes
    assertFalse(seen(dedupe, "a", 1));
    assertTrue(seen(dedupe, "b", 1), "b was forgotten");
  }

  @Test
  @DisplayName("a batch whose output failed is forgotten: its lines are new when it comes again")
  void failedBatchForgotten() {
    Dedupe dedupe = new Dedupe();
    assertTrue(seen(dedupe, "a", 1));
    dedupe.forgetBatch();
    assertTrue(seen(dedupe, "a", 1));
    assertFalse(seen(dedupe, "a", 1));
  }

  private static boolean seen(Dedupe dedupe, String connection, long seq) {
    DataBatch.Reader batch = oneLine(connection, seq);
    dedupe.batch(batch, 0);
    batch.next();
    return dedupe.isNew(batch);
  }

  private static DataBatch.Reader oneLine(String connection, long seq) {
    DataBatch.Writer writer = new DataBatch.Writer(64);
    writer.add(connection, seq, 0, new byte[] {'x'}, 0, 1);
    return new DataBatch.Reader(writer.finish());
  }
}
