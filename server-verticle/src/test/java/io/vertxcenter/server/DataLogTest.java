package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.DataBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The data log on real files: records read back, torn and corrupt tails cut and counted, deletion once acknowledged, the bound. */
@ExtendWith(VertxExtension.class)
class DataLogTest {
  @TempDir
  Path dir;

  private final AtomicLong durable = new AtomicLong();

  @Test
  @DisplayName("appended batches read back as the same bodies, with their lines counted; write makes each durable at once")
  void appendAndReadBack(Vertx vertx) throws IOException {
    DataLog log = log(vertx, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES);
    List<Buffer> bodies = List.of(batch("a", 1, 3), batch("a", 4, 5), batch("b", 1, 1));
    for (Buffer body : bodies) {
      log.append(body);
    }
    assertEquals(3, durable.get());
    log.close();

    List<LogFiles.Segment> segments = LogFiles.recover(dir);
    assertEquals(1, segments.size());
    LogFiles.Segment segment = segments.get(0);
    assertEquals(3, segment.records());
    assertEquals(6, segment.lines());
    assertEquals(0, segment.torn());
    assertEquals(bodies, LogFiles.records(segment));
  }

  @Test
  @DisplayName("a record cut short (the crash came mid-write) is cut from the file and counted; the records before it stay")
  void tornTail(Vertx vertx) throws IOException {
    Path file = twoRecords(vertx);
    long whole = Files.size(file);
    Buffer third = batch("c", 1, 10);
    byte[] header = LogFiles.header(java.nio.ByteBuffer.wrap(third.getBytes())).array();
    Files.write(file, header, StandardOpenOption.APPEND);
    Files.write(file, third.getBytes(0, third.length() / 2), StandardOpenOption.APPEND);

    LogFiles.Segment segment = LogFiles.recover(dir).get(0);
    assertEquals(2, segment.records());
    assertEquals(8 + third.length() / 2, segment.torn());
    assertEquals(whole, Files.size(file), "the torn record is cut from the file");
    assertEquals(0, LogFiles.recover(dir).get(0).torn(), "once cut, the segment is whole");
  }

  @Test
  @DisplayName("a record whose checksum does not match ends the segment: it and what follows are cut and counted")
  void checksumMismatch(Vertx vertx) throws IOException {
    Path file = twoRecords(vertx);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x20; // a byte of the second record's body
    Files.write(file, bytes);

    LogFiles.Segment segment = LogFiles.recover(dir).get(0);
    assertEquals(1, segment.records());
    assertTrue(segment.torn() > 0);
    assertEquals(List.of(batch("a", 1, 3)), LogFiles.records(segment));
  }

  @Test
  @DisplayName("a sealed segment is deleted once every record in it is acknowledged, and its bytes leave the count; one with a record unacknowledged stays")
  void deletedOnceAcknowledged(Vertx vertx) throws IOException {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES));
    DataLog log = new DataLog(vertx, space, "run-1", durable::set);
    Buffer big = batch("a", 1, 2000);
    List<DataLog.Segment> records = new ArrayList<>();
    while (records.isEmpty() || records.get(records.size() - 1) == records.get(0)) {
      records.add(log.append(big)); // until the first segment rolled
    }
    DataLog.Segment first = records.get(0);
    assertEquals(2, segments().size());
    settle(log, records, records.lastIndexOf(first) + 1);
    Await.until("the first segment, all acknowledged, deleted", Duration.ofSeconds(10), () -> segmentCount() == 1 && space.bytes() < DataLog.SEGMENT_BYTES);
    assertEquals(Files.size(segments().get(0)), space.bytes());
    log.close();
    assertEquals(1, segments().size(), "the current one keeps its unacknowledged record after the close");
    log.settled(records.get(records.size() - 1), records.size());
    assertEquals(0, segments().size());
    assertEquals(0, space.bytes());
  }

  @Test
  @DisplayName("at the size bound (below a segment) the space is full, and its problem names the dir and the bound; acknowledgements free it")
  void sizeBound(Vertx vertx) throws IOException {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.WRITE, LogSettings.MIN_BYTES));
    DataLog log = new DataLog(vertx, space, "run-1", durable::set);
    List<DataLog.Segment> records = new ArrayList<>();
    while (!space.full()) {
      records.add(log.append(batch("a", 1, 2000)));
    }
    assertNotNull(space.problem());
    assertTrue(space.problem().contains(dir.toString()) && space.problem().contains("--data-max-bytes " + LogSettings.MIN_BYTES),
        space.problem());
    settle(log, records, records.size() - 1);
    assertTrue(space.full(), "a record unacknowledged: the segment stays");
    log.settled(records.get(records.size() - 1), records.size());
    Await.until("all acknowledged at the bound: the current segment deleted early", Duration.ofSeconds(10), () -> !space.full());
    assertEquals(0, segments().size());
    assertNull(space.problem());
  }

  @Test
  @DisplayName("fsync: records become durable after a group commit, off the caller's thread")
  void groupCommit(Vertx vertx) throws Exception {
    CompletableFuture<Long> synced = new CompletableFuture<>();
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.FSYNC, LogSettings.DEFAULT_MAX_BYTES));
    CompletableFuture<DataLog> made = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      DataLog log = new DataLog(vertx, space, "run-1", synced::complete);
      try {
        log.append(batch("a", 1, 100));
        log.append(batch("a", 101, 200));
        made.complete(log);
      } catch (IOException e) {
        made.completeExceptionally(e);
      }
    });
    made.get(10, TimeUnit.SECONDS);
    assertEquals(2, synced.get(10, TimeUnit.SECONDS), "one force for both records");
    assertTrue(space.maxSyncMicros() > 0);
  }

  @Test
  @DisplayName("fsync: a planned stop seals the current segment, so one whose records are all acknowledged is deleted")
  void closeDeletesAcknowledgedSegment(Vertx vertx) throws Exception {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.FSYNC, LogSettings.DEFAULT_MAX_BYTES));
    onContext(vertx, () -> {
      DataLog log = new DataLog(vertx, space, "run-1", durable::set);
      log.settled(log.append(batch("a", 1, 100)), 1);
      log.close();
    });
    assertEquals(List.of(), segments(), "nothing left to deliver at the next start");
    assertEquals(0, space.bytes());
  }

  @Test
  @DisplayName("a write that fails part-way and cannot be cut back seals its segment: the retry goes to a new one, and "
      + "recovery finds every record written before and after")
  void tornWriteNotCutRolls(Vertx vertx) throws IOException {
    List<FaultyChannel> channels = new ArrayList<>();
    DataLog log = new DataLog(vertx, new LogSpace(new LogSettings(dir, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES)),
        "run-1", durable::set, path -> {
          channels.add(new FaultyChannel(path));
          return channels.get(channels.size() - 1);
        });
    List<Buffer> bodies = List.of(batch("a", 1, 3), batch("a", 4, 6));
    log.append(bodies.get(0));
    channels.get(0).writeBudget = 5; // the disk fills mid-header
    channels.get(0).failTruncate = true;
    assertThrows(IOException.class, () -> log.append(bodies.get(1)));
    channels.get(0).writeBudget = Long.MAX_VALUE; // space again
    log.append(bodies.get(1)); // tried again, as the forwarder does
    log.close();

    List<Buffer> recovered = new ArrayList<>();
    for (LogFiles.Segment segment : LogFiles.recover(dir)) {
      recovered.addAll(LogFiles.records(segment));
    }
    assertEquals(2, recovered.size(), "no acknowledged record is cut");
    assertEquals(bodies, recovered);
    assertEquals(2, channels.size(), "the retry went to a new segment");
  }

  @Test
  @DisplayName("a full disk (a write fails) below the bound: the current segment, all acknowledged, is deleted at once for its "
      + "space, and one acknowledged while writes fail is deleted then; the retry goes to a new segment")
  void fullDiskGivesBackAcknowledgedSpace(Vertx vertx) throws IOException {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES));
    List<FaultyChannel> channels = new ArrayList<>();
    DataLog log = new DataLog(vertx, space, "run-1", durable::set, path -> {
      channels.add(new FaultyChannel(path));
      return channels.get(channels.size() - 1);
    });
    log.settled(log.append(batch("a", 1, 3)), 1);
    assertEquals(1, segmentCount(), "all acknowledged, below 1 MiB and the bound: it stays while it can be written");
    channels.get(0).writeBudget = 0; // the disk is full
    assertThrows(IOException.class, () -> log.append(batch("a", 4, 6)));
    Await.until("the acknowledged segment deleted", Duration.ofSeconds(10), () -> segmentCount() == 0 && space.bytes() == 0);

    DataLog.Segment unacknowledged = log.append(batch("a", 4, 6)); // the retry: space again, in a new segment
    channels.get(1).writeBudget = 0;
    assertThrows(IOException.class, () -> log.append(batch("a", 7, 9)));
    space.writeFailure(this, "No space left on device"); // as the forwarder reports it
    assertEquals(1, segmentCount(), "a record unacknowledged: the segment stays");
    log.settled(unacknowledged, 2);
    // the file goes first, then its bytes leave the count: both awaited, as above
    Await.until("the segment acknowledged while writes fail deleted", Duration.ofSeconds(10),
        () -> segmentCount() == 0 && space.bytes() == 0);
    assertEquals(2, channels.size());
  }

  @Test
  @DisplayName("fsync: a failed force is final (fsyncgate): nothing is reported durable past it though a retry would "
      + "succeed, appends stop, and the problem says why and what to do")
  void failedForceIsFinal(Vertx vertx) throws Exception {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.FSYNC, LogSettings.DEFAULT_MAX_BYTES));
    DataLog log = appendUntilForceFails(vertx, space, path -> {
      FaultyChannel channel = new FaultyChannel(path);
      channel.failForces.set(1); // the first force fails, any later one would succeed
      return channel;
    });
    assertTrue(space.problem().contains("force of the data log in " + dir) && space.problem().contains("restart the server"),
        space.problem());
    onContext(vertx, () -> {
      IOException refused = assertThrows(IOException.class, () -> log.append(batch("a", 101, 200)));
      assertTrue(refused.getMessage().contains("force to disk failed"), refused.getMessage());
      log.close();
    });
    assertEquals(0, durable.get(), "no record reported durable");
    space.recovered(0);
    assertNull(space.problem(), "the next start begins afresh");
  }

  @Test
  @DisplayName("fsync: a new segment's records are durable only once the directory holding its name is forced too")
  void newSegmentForcesDirectory(Vertx vertx) throws Exception {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.FSYNC, LogSettings.DEFAULT_MAX_BYTES));
    DataLog.Opener opener = new DataLog.Opener() {
      @Override
      public FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }

      @Override
      public FileChannel directory(Path logDir) throws IOException {
        FaultyChannel entries = new FaultyChannel(FileChannel.open(logDir, StandardOpenOption.READ));
        entries.failForces.set(1);
        return entries;
      }
    };
    DataLog log = appendUntilForceFails(vertx, space, opener);
    onContext(vertx, log::close);
    assertEquals(0, durable.get(), "the record is not durable while its segment's name may not be on disk");
  }

  @Test
  @DisplayName("fsync: a segment retired early (all acknowledged at the bound) is closed by a group commit of its own, "
      + "so an idle server gets the deleted file's space back")
  void earlyRetiredSegmentClosedWhenIdle(Vertx vertx) throws Exception {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.FSYNC, LogSettings.MIN_BYTES));
    DataLog[] log = new DataLog[1];
    List<DataLog.Segment> records = new ArrayList<>();
    onContext(vertx, () -> {
      log[0] = new DataLog(vertx, space, "run-1", durable::set);
      while (!space.full()) {
        records.add(log[0].append(batch("a", 1, 2000)));
      }
    });
    Path segment = segments().get(0);
    Await.until("all forced", Duration.ofSeconds(10), () -> durable.get() == records.size());
    onContext(vertx, () -> settle(log[0], records, records.size())); // then the server is idle: no append schedules a commit
    Await.until("the segment deleted", Duration.ofSeconds(10), () -> segmentCount() == 0);
    Await.until("the deleted segment's channel closed", Duration.ofSeconds(10), () -> !openHere(segment));
    onContext(vertx, () -> log[0].close());
  }

  /** Makes an fsync log in {@code space} with {@code opener} on a context, appends a batch, and waits until a force failed. */
  private DataLog appendUntilForceFails(Vertx vertx, LogSpace space, DataLog.Opener opener) throws Exception {
    DataLog[] log = new DataLog[1];
    onContext(vertx, () -> {
      log[0] = new DataLog(vertx, space, "run-1", durable::set, opener);
      log[0].append(batch("a", 1, 100));
    });
    Await.until("the failed force reported", Duration.ofSeconds(10), space::stopped);
    return log[0];
  }

  /** Whether this JVM holds a file descriptor on {@code file} (Linux: /proc/self/fd). */
  private static boolean openHere(Path file) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith(file.toString());
        } catch (IOException gone) {
          return false; // closed meanwhile, or the listing's own descriptor
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("the data dir is taken by one holder: a second lock fails naming the dir and what to do, and succeeds once released")
  void oneHolderPerDir() throws IOException {
    java.nio.channels.FileLock first = LogFiles.lock(dir);
    IOException taken = assertThrows(IOException.class, () -> LogFiles.lock(dir));
    assertTrue(taken.getMessage().contains(dir.toString()) && taken.getMessage().contains("its own --data-dir"), taken.getMessage());
    first.channel().close();
    LogFiles.lock(dir).channel().close();
  }

  /** Settles records 1 to {@code upTo} of {@code log}, whose segments {@code records} lists in append order. */
  private static void settle(DataLog log, List<DataLog.Segment> records, int upTo) {
    for (int record = 1; record <= upTo; record++) {
      log.settled(records.get(record - 1), record);
    }
  }

  interface LogWork {
    void run() throws IOException;
  }

  /** Runs {@code work} on a context of {@code vertx}, as a log's owner does, and waits for it (10 s at most). */
  static void onContext(Vertx vertx, LogWork work) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        work.run();
        done.complete(null);
      } catch (IOException | RuntimeException | AssertionError e) {
        done.completeExceptionally(e);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  private DataLog log(Vertx vertx, Durability durability, long maxBytes) {
    return new DataLog(vertx, new LogSpace(new LogSettings(dir, durability, maxBytes)), "run-1", durable::set);
  }

  private Path twoRecords(Vertx vertx) throws IOException {
    DataLog log = log(vertx, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES);
    log.append(batch("a", 1, 3));
    log.append(batch("b", 1, 2));
    log.close();
    return segments().get(0);
  }

  private int segmentCount() {
    try {
      return segments().size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(path -> path.toString().endsWith(LogFiles.SUFFIX)).sorted().toList();
    }
  }

  /** A batch of connection {@code connection}'s lines {@code from} to {@code to}, each a 100-byte line naming its seq. */
  static Buffer batch(String connection, long from, long to) {
    DataBatch.Writer writer = new DataBatch.Writer(1024);
    for (long seq = from; seq <= to; seq++) {
      byte[] text = String.format("%s-%06d %s", connection, seq, "x".repeat(90)).getBytes(StandardCharsets.UTF_8);
      writer.add(connection, seq, 1, text, 0, text.length);
    }
    return writer.finish();
  }
}
