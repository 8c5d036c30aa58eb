package io.vertxcenter.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertxcenter.common.OwnerThread;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest instance's write-ahead log: each sealed batch is appended as one record (see
 * {@link LogFiles}) to the instance's current segment before it is forwarded, and a segment is
 * deleted once every record in it was acknowledged by a monitor (or adopted from a previous run and
 * delivered). Segments roll at {@link #SEGMENT_BYTES}.
 *
 * <p>{@link Durability#WRITE}: the append is a {@code FileChannel.write} on the event loop, into the
 * page cache. Measured here (ext4, CRC32C and gathering write of header and body, 2,000 appends,
 * 2026-12-07, a 2-core machine at load ~50): 256 KiB batch p50 93-104 us, p90 170-240 us; 64 KiB p50
 * 32 us; the p99 (10-25 ms) is most likely the overloaded scheduler (load ~50 on 2 cores). A hop
 * to a worker thread and back costs tens of us too and would need the batches reordered after, so
 * the write stays on the event loop: the fastest honest choice. {@link Durability#FSYNC}: group commit, one
 * {@code force()} on a worker thread for everything appended in the last {@link #GROUP_COMMIT_MS} ms
 * (and while the previous force ran); the event loop never waits for the disk.
 *
 * <p>Acknowledgement checkpoints: per segment of this run, the offset below which every record is
 * acknowledged (the contiguous prefix: acknowledgements come out of order, see {@link AckedPrefix})
 * and durable at the log's level is written to the segment's {@link AckCheckpoint} at most every
 * {@link #CHECKPOINT_MS} ms while it moves, and at {@link #close}; a start after a crash delivers only
 * the records after it. The checkpoint never runs ahead of the segment: with {@code fsync} it stops
 * at the last group commit (so after a power loss the segment still holds every record below it), with
 * {@code write} at what was written (a kill of the JVM keeps the page cache). The periodic writes are
 * not forced (with fsync that would add a force each; the one at a planned stop is forced): a
 * checkpoint lost, stale or torn by a power loss only means more records delivered again (marked
 * resent), never fewer.
 *
 * <p>Runs on its instance's event loop; only the forces, checkpoints and deletions run elsewhere.
 */
final class DataLog {
  private static final Logger LOG = LoggerFactory.getLogger(DataLog.class);
  /** A segment rolls once it holds this much: 8 MiB. */
  static final long SEGMENT_BYTES = 8L << 20;
  static final long GROUP_COMMIT_MS = 2;
  /** The current segment, all its records acknowledged, is deleted early from this size on: 1 MiB. */
  static final long ROLL_SETTLED_BYTES = 1L << 20;
  /**
   * Acknowledgement checkpoints are written at most this often while they move: 10 ms, so that a
   * crash delivers again at most ~10 ms of what a monitor acknowledged (a monitor catching up
   * acknowledges 300,000 lines/s and more: 100 ms were 30-45 k lines shown twice after a host kill).
   * At most 100 small writes a second per instance, on a worker thread.
   */
  static final long CHECKPOINT_MS = 10;

  /** A segment of this log, or one adopted from a previous run: deleted when sealed and all its records are settled. */
  static final class Segment {
    final Path path;
    long bytes;
    int unsettled;
    boolean sealed;
    /** Its acknowledged prefix, for a segment of this run; null for one adopted (its checkpoint stays as the previous run left it). */
    final AckedPrefix acks;
    /** The offset last handed to its checkpoint. */
    long checkpointed;
    boolean deleted;

    Segment(Path path, long bytes, int records, boolean sealed, AckedPrefix acks) {
      this.path = path;
      this.bytes = bytes;
      this.unsettled = records;
      this.sealed = sealed;
      this.acks = acks;
    }
  }

  private final Vertx vertx;
  private final Path dir;
  private final String stream;
  private final LogSpace space;
  private final boolean fsync;
  private final OwnerThread eventLoop = new OwnerThread("data log");
  private final LongConsumer durable;
  private Segment active;
  private FileChannel channel;
  private int segments;
  /** Records appended so far, the number of the last one. */
  private long appended;
  /** The number of the last record durable at the log's level: appended with write, forced with fsync. */
  private long durableRecord;
  /** Segments of this run whose acknowledged prefix moved past their checkpoint. */
  private final Set<Segment> unmarked = new LinkedHashSet<>();
  private long checkpointTimer = -1;
  /** A checkpoint write runs on a worker thread. */
  private boolean checkpointing;
  /** The segments whose checkpoints the worker writes now, each with its checkpoint before. */
  private Map<Segment, Long> writing = Map.of();
  /** Failed checkpoint writes, logged at most once a minute. */
  private final QuietRepeats checkpointFailures = new QuietRepeats(Forwarder.REPEAT_LOG_MS);
  /** Channels of rolled segments not forced yet (fsync); the next group commit forces and closes them. */
  private final List<FileChannel> rolled = new ArrayList<>();
  private long syncTimer = -1;
  private boolean syncing;
  private boolean closed;
  /** {@link #closed}, as the worker thread that writes checkpoints reads it. */
  private volatile boolean closing;
  /** A segment was made since the last group commit began (fsync): the next one forces the directory too. */
  private boolean newSegment;
  /** Why a group commit's force failed (fsync), for good: see {@link #forceFailed}; null while none did. */
  private String forceFailure;
  private final Opener opener;

  /** Makes a new segment file and opens it for writing; tests give one whose channels fail. */
  interface Opener {
    FileChannel open(Path path) throws IOException;

    /** Opens the log's directory, to force its entries (the new segments' names) to disk. */
    default FileChannel directory(Path dir) throws IOException {
      return FileChannel.open(dir, StandardOpenOption.READ);
    }
  }

  /**
   * @param stream  this instance's name among the segments ({@code <run>-<instance>})
   * @param durable told the number of the last record durable at the log's level: with {@code write}
   *                inside each append, before it returns (the caller does not know the record's number
   *                yet, so it looks again after the append); with {@code fsync} after each group commit
   */
  DataLog(Vertx vertx, LogSpace space, String stream, LongConsumer durable) {
    this(vertx, space, stream, durable, path -> FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  /** As above, with the segment files made by {@code opener}. */
  DataLog(Vertx vertx, LogSpace space, String stream, LongConsumer durable, Opener opener) {
    this.opener = opener;
    this.vertx = vertx;
    this.dir = space.settings().dir();
    this.stream = stream;
    this.space = space;
    this.fsync = space.settings().durability() == Durability.FSYNC;
    this.durable = durable;
  }

  /**
   * Appends {@code body} as one record; returns its segment, whose record must be {@link #settled}
   * once acknowledged. The record's number is {@link #appended()}.
   *
   * @throws IOException when it cannot be written (a full disk): nothing of it counts, and the
   *         segment is cut back to its last whole record (or, when that fails too, sealed there, and
   *         the next append starts a new one) so that the append may be tried again; a segment whose
   *         records are all settled is sealed and deleted then, so that its space comes back; or,
   *         for good, after a failed force ({@link #forceFailed})
   */
  Segment append(Buffer body) throws IOException {
    assert eventLoop.isCurrent();
    if (forceFailure != null) {
      throw new IOException("a force to disk failed (" + forceFailure + "); nothing more is logged until the server restarts");
    }
    if (active == null || active.bytes >= SEGMENT_BYTES) {
      roll();
    }
    ByteBuffer bytes = ((BufferInternal) body).getByteBuf().nioBuffer();
    ByteBuffer[] record = {LogFiles.header(bytes), bytes};
    long total = LogFiles.RECORD_HEADER_BYTES + (long) bytes.remaining();
    try {
      long written = 0;
      while (written < total) {
        written += channel.write(record);
      }
    } catch (IOException e) {
      try {
        channel.truncate(active.bytes);
        channel.position(active.bytes);
      } catch (IOException cut) {
        // torn bytes stay at its end: a retry appended after them, and recovery, which stops at the
        // first bad record, would cut every later (acknowledged) one. Sealed as it is (its whole
        // records are still delivered, the torn rest is cut at the next start); the retry rolls.
        e.addSuppressed(cut);
        LOG.warn("data log: cannot cut {} back to its last whole record ({}): sealed as it is; the next append starts a "
            + "new segment", active.path, cut.getMessage());
        retire();
      }
      if (channel != null && active.unsettled == 0) {
        retire(); // a full disk: the space of a segment whose records are all acknowledged comes back now; the retry rolls
      }
      throw e;
    }
    active.bytes += total;
    active.unsettled++;
    active.acks.appended(active.bytes);
    space.grew(total);
    appended++;
    if (fsync) {
      scheduleSync();
    } else {
      durableRecord = appended;
      durable.accept(appended);
    }
    return active;
  }

  /** The number of the last record appended (0 before the first). */
  long appended() {
    return appended;
  }

  /**
   * Record {@code record} (its number, {@link #appended()} after its append; 0 for a record of an
   * adopted segment) of {@code segment} was acknowledged: its checkpoint may move, and the segment is
   * deleted once it is sealed and all its records are. The current segment, once all its records
   * are settled, is sealed and deleted early
   * when it holds {@link #ROLL_SETTLED_BYTES}, the log is at its bound (which may be below a
   * segment), or the log cannot be written (a disk full before the bound): the space comes back, and
   * a crash has fewer acknowledged records to deliver again.
   */
  void settled(Segment segment, long record) {
    segment.unsettled--;
    if (segment.acks != null && segment.acks.settled(record) && !closed) {
      unmarked.add(segment);
      scheduleCheckpoint();
    }
    if (segment == active && segment.unsettled == 0
        && (segment.bytes >= ROLL_SETTLED_BYTES || space.full() || space.cannotWrite())) {
      retire();
      return;
    }
    deleteIfDone(segment);
  }

  /** Adopts a segment a previous run left: deleted once {@code records} settle. */
  Segment adopt(LogFiles.Segment left) {
    return new Segment(left.path(), left.bytes(), left.records(), true, null);
  }

  /**
   * Seals the current segment (deleted if all its records are settled) and closes its channel and
   * those of rolled segments, after a last force with fsync; segments with records unsettled stay
   * for the next start. A channel that fails to force or close does not keep the others open.
   */
  void close() {
    assert eventLoop.isCurrent();
    closed = true;
    closing = true; // a checkpoint write under way on the worker writes no more: close() writes the last ones
    if (syncTimer >= 0) {
      vertx.cancelTimer(syncTimer);
    }
    if (checkpointTimer >= 0) {
      vertx.cancelTimer(checkpointTimer);
    }
    retire(); // with fsync this hands the current channel to rolled: it is forced and closed below
    boolean forced = forceFailure == null;
    for (FileChannel old : rolled) {
      try (old) {
        if (forceFailure == null) {
          old.force(false);
        }
      } catch (IOException e) {
        forced = false;
        LOG.warn("data log {}: closing a segment failed ({}); its records are checked again at the next start", dir, e.getMessage());
      }
    }
    rolled.clear();
    if (forced && newSegment) {
      // as a group commit does: a new file's records are not safe until its name is
      try (FileChannel entries = opener.directory(dir)) {
        entries.force(true);
      } catch (IOException e) {
        forced = false;
        LOG.warn("data log {}: forcing the directory failed ({}); its records are checked again at the next start", dir, e.getMessage());
      }
    }
    if (forced) {
      durableRecord = appended;
    }
    // a planned stop: the last checkpoints of the segments that stay, here and now (forced with fsync:
    // a power loss after the stop shows nothing twice either), those of a write under way included
    notWritten(writing);
    for (Segment segment : unmarked) {
      long offset = segment.acks.offset(durableRecord);
      if (offset > segment.checkpointed) {
        try {
          AckCheckpoint.write(segment.path, offset, fsync);
        } catch (IOException e) {
          LOG.warn("data log: cannot write the checkpoint of {} ({}): its acknowledged records are delivered again at the next "
              + "start, marked resent", segment.path, e.getMessage());
        }
      }
    }
    unmarked.clear();
  }

  private void roll() throws IOException {
    retire();
    Path path = dir.resolve(LogFiles.name(stream, ++segments));
    channel = opener.open(path);
    active = new Segment(path, 0, 0, false, new AckedPrefix(appended + 1));
    newSegment = fsync;
  }

  /** Seals the current segment (a group commit forces and closes it with fsync) and deletes it if all its records are settled. */
  private void retire() {
    if (channel == null) {
      return;
    }
    active.sealed = true;
    if (fsync) {
      rolled.add(channel);
      scheduleSync(); // forced and closed soon even on an idle server: a deleted file's space comes back at the close
    } else {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("data log: closing {} failed ({}); its records are checked again at the next start", active.path, e.getMessage());
      }
    }
    channel = null;
    deleteIfDone(active);
    active = null;
  }

  /**
   * Deletes {@code segment} once it is sealed and all its records are settled: on a worker thread,
   * as the unlink may wait for the disk; after {@link #close} here and now, so that a planned stop
   * leaves nothing acknowledged behind.
   */
  private void deleteIfDone(Segment segment) {
    if (!segment.sealed || segment.unsettled > 0) {
      return;
    }
    Path path = segment.path;
    long bytes = segment.bytes;
    segment.bytes = 0;
    segment.deleted = true;
    unmarked.remove(segment);
    if (closed) {
      delete(path, bytes);
    } else {
      vertx.executeBlocking(() -> {
        delete(path, bytes);
        return null;
      }, true); // ordered with the checkpoint writes: none makes a checkpoint again after its segment is gone
    }
  }

  /** Deletes a segment file of {@code bytes} and its checkpoint, and takes them from the space's count (which any thread may change). */
  private void delete(Path path, long bytes) {
    try {
      LogFiles.delete(path);
      space.grew(-bytes);
    } catch (IOException e) {
      LOG.warn("data log: cannot delete {} ({}): its records are delivered again at the next start, and dropped there as seen",
          path, e.getMessage());
    }
  }

  private void scheduleSync() {
    if (syncing || syncTimer >= 0 || closed || forceFailure != null) {
      return;
    }
    syncTimer = vertx.setTimer(GROUP_COMMIT_MS, id -> {
      syncTimer = -1;
      sync();
    });
  }

  /**
   * One group commit: forces everything appended so far on a worker thread (and the directory once
   * per new segment), then tells {@code durable}.
   */
  private void sync() {
    if (closed) {
      return;
    }
    long upTo = appended;
    List<FileChannel> channels = new ArrayList<>(rolled);
    rolled.clear();
    FileChannel current = channel;
    boolean forceDir = newSegment;
    newSegment = false;
    syncing = true;
    vertx.<Long>executeBlocking(() -> {
      long started = System.nanoTime();
      if (forceDir) {
        // a new file's records are not safe until its name is: without this a power loss can lose the whole segment
        try (FileChannel entries = opener.directory(dir)) {
          entries.force(true);
        }
      }
      for (FileChannel old : channels) {
        old.force(false);
        old.close();
      }
      if (current != null) {
        current.force(false);
      }
      return (System.nanoTime() - started) / 1_000;
    }, false).onComplete(done -> {
      syncing = false;
      if (closed) {
        return; // close() forced and closed the channels itself
      }
      if (done.failed()) {
        rolled.addAll(channels.stream().filter(FileChannel::isOpen).toList()); // for close() to close
        forceFailed(done.cause());
        return;
      }
      space.synced(done.result());
      durableRecord = upTo;
      durable.accept(upTo);
      if (appended > upTo) {
        scheduleSync();
      }
    });
  }

  private void scheduleCheckpoint() {
    if (checkpointTimer >= 0 || closed) {
      return;
    }
    checkpointTimer = vertx.setTimer(CHECKPOINT_MS, id -> {
      checkpointTimer = -1;
      checkpoint();
    });
  }

  /**
   * Writes, on a worker thread (one write at a time, ordered with the deletions), the checkpoints of
   * the segments whose acknowledged and durable prefix moved; comes back while some prefix still
   * waits for a group commit. A failed write is logged (at most once a minute) and tried again: the
   * checkpoint on disk stays as it was meanwhile, so a crash only delivers more again.
   */
  private void checkpoint() {
    if (checkpointing) {
      scheduleCheckpoint(); // after the write under way
      return;
    }
    Map<Segment, Long> due = new LinkedHashMap<>(); // each segment's checkpoint before this write
    for (Iterator<Segment> it = unmarked.iterator(); it.hasNext(); ) {
      Segment segment = it.next();
      long offset = segment.acks.offset(durableRecord);
      if (offset > segment.checkpointed) {
        due.put(segment, segment.checkpointed);
        segment.checkpointed = offset;
      }
      if (offset == segment.acks.offset(Long.MAX_VALUE) || forceFailure != null) {
        it.remove(); // nothing acknowledged waits for a force, or none will come (it failed)
      }
    }
    if (due.isEmpty()) {
      if (!unmarked.isEmpty()) {
        scheduleCheckpoint();
      }
      return;
    }
    checkpointing = true;
    writing = due;
    Map<Path, Long> marks = new LinkedHashMap<>();
    due.keySet().forEach(segment -> marks.put(segment.path, segment.checkpointed));
    vertx.executeBlocking(() -> {
      for (Map.Entry<Path, Long> mark : marks.entrySet()) {
        if (closing) {
          break;
        }
        AckCheckpoint.write(mark.getKey(), mark.getValue(), false);
      }
      return null;
    }, true).onComplete(written -> {
      checkpointing = false;
      writing = Map.of();
      if (written.failed()) {
        notWritten(due);
        String repeats = checkpointFailures.occurred();
        if (repeats != null) {
          LOG.warn("data log {}: cannot write an acknowledgement checkpoint ({}): a crash would deliver its acknowledged records "
              + "again, marked resent; nothing is lost{}", dir, written.cause().getMessage(), repeats);
        }
      }
      if (!unmarked.isEmpty()) {
        scheduleCheckpoint();
      }
    });
  }

  /**
   * The checkpoints of {@code due} (segment -> its checkpoint before) may not be on disk (the write
   * failed, or close() stopped it): they count as not written, so the next checkpoint, or close(),
   * writes them again. A segment deleted meanwhile needs none.
   */
  private void notWritten(Map<Segment, Long> due) {
    due.forEach((segment, before) -> {
      if (!segment.deleted) {
        segment.checkpointed = before;
        unmarked.add(segment);
      }
    });
  }

  /**
   * A force failed: for good. Never try it again and report durable past it: after a failed fsync
   * Linux may have marked the dirty pages clean (or dropped them) and reports the error once, so a
   * retried force can succeed with the data not on disk. PostgreSQL's "fsyncgate" (2018) found this
   * and since 12 PANICs on a failed fsync (data_sync_retry=off). Here it is fail-stop: nothing more
   * is appended (the forwarder holds what comes, reads pause), the node is degraded with the reason,
   * and batches already logged are still delivered; a restart delivers the log again.
   */
  private void forceFailed(Throwable cause) {
    forceFailure = String.valueOf(cause.getMessage());
    space.forceFailed(forceFailure);
    LOG.error("data log {}: a force to disk failed ({}): lines appended since the last good force may not be on disk, "
        + "so none is acknowledged as durable any more and reads pause; check the disk, then restart the server", dir, forceFailure);
  }
}
