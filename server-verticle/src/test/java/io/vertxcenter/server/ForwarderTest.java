package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ForwarderTest {
  private static final int LINES = 5_000;

  @Test
  @DisplayName("with no monitor the sockets are paused and lines held; once one acknowledges, all arrive and reading resumes")
  void holdsUntilAMonitorAcknowledges(Vertx vertx, VertxTestContext test) {
    IngestStats stats = new IngestStats();
    AtomicInteger pauses = new AtomicInteger();
    AtomicInteger resumes = new AtomicInteger();
    Set<Long> delivered = new HashSet<>();
    AtomicInteger refusals = new AtomicInteger(3);
    vertx.runOnContext(start -> {
      Forwarder forwarder = new Forwarder(vertx, stats, new Forwarder.Pressure() {
        @Override
        public void pause() {
          pauses.incrementAndGet();
          if (pauses.get() == 1) {
            // The monitor appears once the server has given up on the first attempts; it fails a few
            // batches before acknowledging, and every line must still arrive exactly once.
            vertx.eventBus().<Buffer>consumer(Addresses.DATA, message -> {
              if (refusals.getAndDecrement() > 0) {
                message.fail(500, "not now");
                return;
              }
              DataBatch.Reader batch = new DataBatch.Reader(message.body());
              while (batch.next()) {
                delivered.add(batch.seq());
              }
              message.reply("ok");
            });
          }
        }

        @Override
        public void resume() {
          resumes.incrementAndGet();
        }
      });
      for (long seq = 1; seq <= LINES; seq++) {
        byte[] text = ("line " + seq).getBytes(StandardCharsets.UTF_8);
        forwarder.add("c-1", seq, DataBatch.nowMicros(), text, 0, text.length);
      }
      forwarder.whenDrained(() -> test.verify(() -> {
        assertEquals(LINES, delivered.size());
        assertEquals(LINES, stats.acked.sum());
        assertEquals(0, forwarder.heldLines());
        assertTrue(pauses.get() >= 1 && resumes.get() == pauses.get(), pauses + " pauses, " + resumes + " resumes");
        assertTrue(stats.resent.sum() > 0, "failed batches were sent again");
        test.completeNow();
      }));
    });
  }
}
