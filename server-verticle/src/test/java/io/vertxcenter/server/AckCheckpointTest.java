package io.vertxcenter.server;

import static io.vertxcenter.server.DataLogTest.batch;
import static io.vertxcenter.server.DataLogTest.onContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data log's acknowledgement checkpoints on real files: a start after a crash skips the records a
 * monitor acknowledged (the contiguous prefix), and a checkpoint that is stale, torn or past the
 * segment's whole records never makes it skip one that was not.
 */
@ExtendWith(VertxExtension.class)
class AckCheckpointTest {
  @TempDir
  Path dir;

  private final AtomicLong durable = new AtomicLong();
  /** Five batches of 10 lines each: records 1-5 of the log. */
  private final List<Buffer> bodies = new ArrayList<>();
  /** The segment the last append went to. */
  private DataLog.Segment current;
  /** The log space of the last {@link #appendAll}. */
  private LogSpace space;

  @BeforeEach
  void batches() {
    for (int i = 0; i < 5; i++) {
      bodies.add(batch("a", 10L * i + 1, 10L * i + 10));
    }
  }

  @Test
  @DisplayName("acknowledged out of order (1, 2 and 4, not 3), then a crash: the next start skips records 1-2 (counted) and "
      + "delivers 3-5 (4 again: beyond the gap)")
  void crashAfterOutOfOrderAcks(Vertx vertx) throws Exception {
    DataLog log = appendAll(vertx, Durability.WRITE);
    Path segment = current.path;
    settle(vertx, log, 2, 4, 1);
    Await.until("the checkpoint written", Duration.ofSeconds(10), () -> checkpoint(segment) == end(2));

    // a kill -9 here: nothing closed
    LogFiles.Segment left = LogFiles.recover(dir).get(0);
    assertNull(left.checkpoint());
    assertEquals(end(2), left.from());
    assertEquals(20, left.skipped());
    assertEquals(3, left.records());
    assertEquals(30, left.lines());
    assertEquals(bodies.subList(2, 5), LogFiles.records(left));
    onContext(vertx, log::close);
  }

  @Test
  @DisplayName("fsync: the checkpoint follows the group commits, and never passes a failed force: "
      + "a record acknowledged but not forced is delivered again")
  void fsyncCheckpointNeverAheadOfDurable(Vertx vertx) throws Exception {
    DataLog log = appendAll(vertx, Durability.FSYNC);
    Path segment = current.path;
    Await.until("all forced", Duration.ofSeconds(10), () -> durable.get() == 5);
    settle(vertx, log, 1, 2, 3, 4, 5);
    Await.until("the checkpoint written", Duration.ofSeconds(10), () -> checkpoint(segment) == end(5));
    onContext(vertx, log::close);

    Path failing = dir.resolve("failing");
    Files.createDirectories(failing);
    LogSpace failingSpace = new LogSpace(new LogSettings(failing, Durability.FSYNC, LogSettings.DEFAULT_MAX_BYTES));
    List<FaultyChannel> channels = new ArrayList<>();
    DataLog[] broken = new DataLog[1];
    durable.set(0);
    onContext(vertx, () -> {
      broken[0] = new DataLog(vertx, failingSpace, "run-2", durable::set, path -> {
        channels.add(new FaultyChannel(path));
        return channels.get(0);
      });
      current = broken[0].append(bodies.get(0));
    });
    Await.until("record 1 forced", Duration.ofSeconds(10), () -> durable.get() == 1);
    channels.get(0).failForces.set(1);
    onContext(vertx, () -> broken[0].append(bodies.get(1)));
    Await.until("the force of record 2 failed", Duration.ofSeconds(10), failingSpace::stopped);
    settle(vertx, broken[0], 2, 1); // a monitor acknowledged both, record 2 before its force
    Path brokenSegment = current.path;
    Await.until("the checkpoint of record 1 written", Duration.ofSeconds(10), () -> checkpoint(brokenSegment) == end(1));

    // a power loss here: record 2 may be gone from the disk, but it was shown; the start skips record 1 only
    LogFiles.Segment left = LogFiles.recover(failing).get(0);
    assertEquals(end(1), left.from());
    assertEquals(List.of(bodies.get(1)), LogFiles.records(left));
    onContext(vertx, broken[0]::close);
  }

  @Test
  @DisplayName("a planned stop writes the checkpoint of a segment that stays at once; with every record acknowledged it leaves "
      + "no segment and no checkpoint")
  void plannedStop(Vertx vertx) throws Exception {
    DataLog log = appendAll(vertx, Durability.WRITE);
    Path segment = current.path;
    onContext(vertx, () -> {
      log.settled(current, 1);
      log.close(); // before the checkpoint's period
    });
    assertEquals(end(1), checkpoint(segment));
    settle(vertx, log, 2, 3, 4, 5);
    assertEquals(List.of(), files(), "nothing left in the data dir");
    assertEquals(0, space.bytes());
  }

  @Test
  @DisplayName("a stale checkpoint (the crash came before the last one was written) only delivers more: from its offset on")
  void staleCheckpoint(Vertx vertx) throws Exception {
    Path segment = crashedWithAllAcknowledged(vertx);
    AckCheckpoint.write(segment, end(1), false); // as the previous one was

    LogFiles.Segment left = LogFiles.recover(dir).get(0);
    assertEquals(bodies.subList(1, 5), LogFiles.records(left));
    assertEquals(10, left.skipped());
    assertNull(left.checkpoint());
  }

  @Test
  @DisplayName("a torn checkpoint (short, or its checksum wrong) is ignored: the whole segment is delivered, and why is said")
  void tornCheckpoint(Vertx vertx) throws Exception {
    Path segment = crashedWithAllAcknowledged(vertx);
    byte[] good = Files.readAllBytes(AckCheckpoint.of(segment));
    Files.write(AckCheckpoint.of(segment), java.util.Arrays.copyOf(good, 7));
    assertWholeSegmentDelivered("torn");

    good[8] ^= 0x01; // a bit of the offset
    Files.write(AckCheckpoint.of(segment), good);
    assertWholeSegmentDelivered("checksum");
  }

  @Test
  @DisplayName("a checkpoint past the segment's whole records (a torn tail cut, a write-level OS crash) or inside a record is "
      + "ignored: no record that was written is skipped")
  void checkpointPastTheEnd(Vertx vertx) throws Exception {
    Path segment = crashedWithAllAcknowledged(vertx);
    try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      file.truncate(end(5) - 3); // the last record torn: it is cut, and the checkpoint (end of 5) is past what is left
    }
    LogFiles.Segment left = assertDelivered("past the segment's whole records", 4);
    assertEquals(end(4), left.bytes());

    AckCheckpoint.write(segment, end(1) + 5, false);
    assertDelivered("not a record's start", 4);
  }

  @Test
  @DisplayName("a segment all below its checkpoint is deleted at the start with it; checkpoints without a segment and "
      + "temporary files a crash left are deleted too")
  void allAcknowledgedDeleted(Vertx vertx) throws Exception {
    Path segment = crashedWithAllAcknowledged(vertx);
    AckCheckpoint.write(segment, end(5), false);
    Files.write(dir.resolve("run-0-1-000001" + AckCheckpoint.SUFFIX), new byte[AckCheckpoint.BYTES]);
    Files.write(dir.resolve("run-1-1-000001.ack123" + AckCheckpoint.TEMP_SUFFIX), new byte[3]);

    assertEquals(List.of(), LogFiles.recover(dir));
    assertEquals(List.of(), files());
  }

  /** Appends the five bodies to a new log at {@code durability} in {@link #space} (made anew) on a context. */
  private DataLog appendAll(Vertx vertx, Durability durability) throws Exception {
    space = new LogSpace(new LogSettings(dir, durability, LogSettings.DEFAULT_MAX_BYTES));
    DataLog[] log = new DataLog[1];
    onContext(vertx, () -> {
      log[0] = new DataLog(vertx, space, "run-1", durable::set);
      for (Buffer body : bodies) {
        current = log[0].append(body);
      }
    });
    return log[0];
  }

  /** A log of the five bodies, all acknowledged and checkpointed, then a crash (nothing closed): its segment. */
  private Path crashedWithAllAcknowledged(Vertx vertx) throws Exception {
    DataLog log = appendAll(vertx, Durability.WRITE);
    Path segment = current.path;
    settle(vertx, log, 1, 2, 3, 4, 5);
    Await.until("the checkpoint written", Duration.ofSeconds(10), () -> checkpoint(segment) == end(5));
    return segment;
  }

  /** Settles {@code records} (numbers in the log, in this order) of the current segment of {@code log}, on a context. */
  private void settle(Vertx vertx, DataLog log, int... records) throws Exception {
    onContext(vertx, () -> {
      for (int record : records) {
        log.settled(current, record);
      }
    });
  }

  private void assertWholeSegmentDelivered(String why) throws IOException {
    assertDelivered(why, 5);
  }

  /** Recovers the dir: its checkpoint ignored for {@code why}, the first {@code records} bodies delivered. */
  private LogFiles.Segment assertDelivered(String why, int records) throws IOException {
    LogFiles.Segment left = LogFiles.recover(dir).get(0);
    assertTrue(left.checkpoint() != null && left.checkpoint().contains(why), String.valueOf(left.checkpoint()));
    assertEquals(0, left.from());
    assertEquals(0, left.skipped());
    assertEquals(bodies.subList(0, records), LogFiles.records(left));
    return left;
  }

  /** Where record {@code n} (1-5) ends in the segment. */
  private long end(int n) {
    long end = 0;
    for (int i = 0; i < n; i++) {
      end += LogFiles.RECORD_HEADER_BYTES + bodies.get(i).length();
    }
    return end;
  }

  private static long checkpoint(Path segment) {
    try {
      return AckCheckpoint.read(segment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
