package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.Failure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ForwarderTest {
  private static final int LINES = 5_000;

  private final IngestStats stats = new IngestStats();
  private final AtomicInteger pauses = new AtomicInteger();
  /** The sequence numbers of the lines the stand-in monitor received (on its event loop only). */
  private final Set<Long> delivered = new HashSet<>();
  /** The standard error a test that reads the log replaced, put back after it. */
  private PrintStream stderr;

  @AfterEach
  void restoreStandardError() {
    if (stderr != null) {
      System.setErr(stderr);
    }
  }

  @Test
  @DisplayName("with no monitor the sockets are paused and lines held; once one acknowledges, all arrive and reading resumes")
  void holdsUntilAMonitorAcknowledges(Vertx vertx, VertxTestContext test) {
    AtomicInteger resumes = new AtomicInteger();
    vertx.runOnContext(start -> {
      Forwarder forwarder = new Forwarder(vertx, stats, new ReadGate(new ReadGate.Sockets() {
        @Override
        public void pause() {
          pauses.incrementAndGet();
          if (pauses.get() == 1) {
            // The monitor appears once the server has given up on the first attempts (no handler),
            // and every line must still arrive exactly once.
            vertx.eventBus().<Buffer>consumer(Addresses.DATA, message -> {
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
      }));
      addLines(forwarder);
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

  @Test
  @DisplayName("an outage is logged once when it begins and once when it ends, however many deliveries fail meanwhile")
  void outageLoggedOnceEachWay(Vertx vertx, VertxTestContext test) {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    stderr = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8)); // where slf4j-simple writes, looked up at each line
    vertx.runOnContext(start -> {
      Forwarder forwarder = new Forwarder(vertx, stats, countingPauses());
      addLines(forwarder, new Told(), 10);
      // no monitor until the batch failed three times (the first send and two resends after back-offs)
      vertx.setPeriodic(10, timer -> {
        if (stats.resent.sum() >= 20) {
          vertx.cancelTimer(timer);
          vertx.eventBus().<Buffer>consumer(Addresses.DATA, message -> message.reply("ok"));
        }
      });
      forwarder.whenDrained(() -> test.verify(() -> {
        List<String> lines = logged.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.stream().filter(line -> line.contains("cannot deliver to a monitor (no monitor node")).count(),
            String.join("\n", lines));
        assertEquals(1, lines.stream().filter(line -> line.contains("monitor reached again")).count(), String.join("\n", lines));
        assertEquals(10, stats.acked.sum());
        test.completeNow();
      }));
    });
  }

  @Test
  @DisplayName("without a log a batch the monitor receives and fails is not sent again: its lines count as dropped, its "
      + "source is told they are lost and never that they are durable, and the stream goes on unpaused")
  void batchFailedByTheMonitor(Vertx vertx, VertxTestContext test) {
    Told source = new Told();
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger failedLines = new AtomicInteger();
    vertx.eventBus().<Buffer>consumer(Addresses.DATA, message -> {
      DataBatch.Reader batch = new DataBatch.Reader(message.body());
      if (attempts.incrementAndGet() == 1) {
        failedLines.set(batch.lines());
        message.fail(400, "a batch this monitor cannot read");
        return;
      }
      while (batch.next()) {
        delivered.add(batch.seq());
      }
      message.reply("ok");
    }).completion().onComplete(test.succeeding(registered -> {
      Forwarder forwarder = new Forwarder(vertx, stats, countingPauses());
      addLines(forwarder, source, LINES);
      forwarder.whenDrained(() -> test.verify(() -> {
        assertTrue(failedLines.get() > 0 && failedLines.get() < LINES, failedLines + " lines in the failed batch");
        assertTrue(source.lost, "the source is told it lost lines");
        assertEquals(0, source.durable, "nothing from the failed batch on is durable (the first batch failed)");
        assertEquals(LINES - failedLines.get(), delivered.size(), "every other line delivered");
        assertEquals(failedLines.get(), stats.dropped.sum(), "the failed batch's lines are counted as dropped");
        assertEquals(LINES - failedLines.get(), stats.acked.sum());
        assertEquals(0, stats.resent.sum(), "nothing sent again");
        assertEquals(0, pauses.get(), "reading never paused");
        test.completeNow();
      }));
    }));
  }

  @Test
  @DisplayName("a monitor that answers 503 (it cannot write its output) gets the batch again, flagged resent; batches then go to the monitor that acknowledged")
  void unavailableIsSentAgain(Vertx vertx, VertxTestContext test) {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger resentCopies = new AtomicInteger();
    AtomicInteger toItsOwnAddress = new AtomicInteger();
    Handler<Message<Buffer>> monitor = message -> {
      DataBatch.Reader batch = new DataBatch.Reader(message.body());
      assertEquals(5_000, batch.ackTimeoutMs(), "each copy is stamped with the ack timeout");
      resentCopies.addAndGet(batch.resent() ? 1 : 0);
      toItsOwnAddress.addAndGet(message.address().equals(Addresses.data("m1")) ? 1 : 0);
      if (attempts.incrementAndGet() == 1) {
        message.fail(Failure.UNAVAILABLE.code(), "the monitor cannot write its standard output (No space left on device)");
        return;
      }
      while (batch.next()) {
        delivered.add(batch.seq());
      }
      message.reply(new JsonObject().put("monitor", "m1"));
    };
    vertx.eventBus().consumer(Addresses.data("m1"), monitor);
    vertx.eventBus().<Buffer>consumer(Addresses.DATA, monitor).completion().onComplete(test.succeeding(registered -> {
      Forwarder forwarder = new Forwarder(vertx, stats, countingPauses());
      addLines(forwarder);
      forwarder.whenDrained(() -> test.verify(() -> {
        assertEquals(LINES, delivered.size(), "every line delivered");
        assertEquals(0, stats.dropped.sum(), "nothing dropped");
        assertEquals(LINES, stats.acked.sum());
        assertTrue(resentCopies.get() >= 1, "the refused batch came again, flagged");
        assertTrue(toItsOwnAddress.get() > 0, "batches went to the monitor that acknowledged");
        test.completeNow();
      }));
    }));
  }

  @Test
  @DisplayName("with a log a batch the monitor refuses (an older monitor: 400 not a data batch) is held and sent again, "
      + "the node is degraded with the reason meanwhile, and nothing is dropped")
  void refusedBatchHeldWithALog(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
    LogSpace space = logSpace(dir, Durability.WRITE);
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<String> problemAtResend = new AtomicReference<>();
    Told source = new Told();
    vertx.eventBus().<Buffer>consumer(Addresses.DATA, message -> {
      DataBatch.Reader batch = new DataBatch.Reader(message.body());
      if (attempts.incrementAndGet() == 1) {
        message.fail(400, "not a data batch");
        return;
      }
      if (batch.resent()) {
        problemAtResend.compareAndSet(null, String.valueOf(space.problem()));
      }
      while (batch.next()) {
        delivered.add(batch.seq());
      }
      message.reply("ok");
    }).completion().onComplete(test.succeeding(registered -> {
      Forwarder forwarder = new Forwarder(vertx, stats, countingPauses(), space, "run-1");
      addLines(forwarder, source, LINES);
      forwarder.whenDrained(() -> test.verify(() -> {
        assertEquals(LINES, delivered.size(), "every line delivered, the refused batch's too");
        assertEquals(0, stats.dropped.sum(), "nothing dropped");
        assertTrue(stats.resent.sum() > 0, "the refused batch was sent again");
        assertTrue(problemAtResend.get().contains("the monitor refuses our batches (400 not a data batch)"), problemAtResend.get());
        assertNull(space.problem(), "no longer degraded once it was acknowledged");
        assertEquals(LINES, source.durable);
        assertFalse(source.lost);
        forwarder.close();
        try (Stream<Path> files = Files.list(dir)) {
          assertEquals(0, files.count(), "every record acknowledged: the segment is deleted");
        }
        test.completeNow();
      }));
    }));
  }

  @Test
  @DisplayName("with durability write a batch's lines are durable once logged: the source is told before any monitor answers")
  void writeDurableOnceLogged(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
    vertx.eventBus().<Buffer>consumer(Addresses.DATA, message -> { }).completion().onComplete(test.succeeding(registered -> {
      // a monitor that never answers: only the log can make the lines durable
      Forwarder forwarder = new Forwarder(vertx, stats, countingPauses(), logSpace(dir, Durability.WRITE), "run-1");
      Told source = new Told();
      addLines(forwarder, source, 10);
      forwarder.whenDrained(() -> { }); // seals the open batch, which is appended at once
      test.verify(() -> assertEquals(10, source.durable, "the newest batch is durable once appended"));
      forwarder.giveUp();
      test.completeNow();
    }));
  }

  private static LogSpace logSpace(Path dir, Durability durability) {
    return new LogSpace(new LogSettings(dir, durability, LogSettings.DEFAULT_MAX_BYTES));
  }

  /** A read gate whose sockets only count their pauses in {@link #pauses}. */
  private ReadGate countingPauses() {
    return new ReadGate(new ReadGate.Sockets() {
      @Override
      public void pause() {
        pauses.incrementAndGet();
      }

      @Override
      public void resume() {
      }
    });
  }

  /** Adds {@link #LINES} lines of one connection, numbered from 1. */
  private static void addLines(Forwarder forwarder) {
    addLines(forwarder, new Told(), LINES);
  }

  /** Adds {@code lines} lines of {@code source}, numbered from 1. */
  private static void addLines(Forwarder forwarder, Forwarder.Source source, int lines) {
    for (long seq = 1; seq <= lines; seq++) {
      byte[] text = ("line " + seq).getBytes(StandardCharsets.UTF_8);
      forwarder.add(source, seq, DataBatch.nowMicros(), text, 0, text.length);
    }
  }

  /** A connection that keeps what the forwarder tells it (on the forwarder's event loop). */
  private static final class Told implements Forwarder.Source {
    volatile long durable;
    volatile boolean lost;

    @Override
    public String id() {
      return "c-1";
    }

    @Override
    public void durable(long seq) {
      assertTrue(seq > durable, "durable goes up: " + seq + " after " + durable);
      if (!lost) { // what is told after a loss must not be acknowledged
        durable = seq;
      }
    }

    @Override
    public void lost() {
      lost = true;
    }
  }
}
