package io.vertxcenter.server;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's data log as a whole, shared by the ingest instances (each on its own event loop) and
 * read by status: the bytes its segments hold against the bound, and its counters. Thread-safe.
 * Whoever shows its {@link #problem()} hears when that may have changed ({@link #onChange}), so
 * nobody polls it.
 */
final class LogSpace {
  private final LogSettings settings;
  private final AtomicLong bytes = new AtomicLong();
  /** Lines delivered again from a previous run's log. */
  final LongAdder replayed = new LongAdder();
  /** Records cut from the end of a segment because their checksum or length did not hold (a crash mid-write). */
  final LongAdder tornRecords = new LongAdder();
  /** The last group commit's force(), in microseconds; 0 before the first. */
  private volatile long lastSyncMicros;
  /** The slowest force() so far, in microseconds. */
  private final AtomicLong maxSyncMicros = new AtomicLong();
  /** Per forwarder, when (epoch ms) its oldest unacknowledged batch was sealed; absent while it holds none. */
  private final Map<Object, Long> oldestHeld = new ConcurrentHashMap<>();
  /** Per forwarder, why its log cannot be written (an I/O error such as a full disk); absent while it can. */
  private final Map<Object, String> writeFailures = new ConcurrentHashMap<>();
  /** Why a force of the log failed (fsync), for good until the server starts again; null while none did. */
  private volatile String forceFailure;
  /** Per forwarder, what a monitor answered when it refused a batch it holds; absent while none is refused. */
  private final Map<Object, String> refusals = new ConcurrentHashMap<>();
  /** Told when {@link #problem()} may have changed; on the thread that changed it. */
  private volatile Runnable changed = () -> { };

  LogSpace(LogSettings settings) {
    this.settings = settings;
  }

  /**
   * Calls {@code changed} whenever {@link #problem()} may have changed: the log became full or not,
   * a write or force failed, a write succeeded again, a refusal came or ended, a start recovered the
   * log. It runs on the thread that made the change (any ingest instance's event loop): hand it over.
   */
  void onChange(Runnable changed) {
    this.changed = changed;
  }

  LogSettings settings() {
    return settings;
  }

  /** The segments a start found hold {@code total} bytes: the count starts again from there, and a force failure of the previous run is over. */
  void recovered(long total) {
    bytes.set(total);
    forceFailure = null;
    changed.run();
  }

  /** A force of the log failed ({@code why}): nothing more is logged nor acknowledged until the server starts again. */
  void forceFailed(String why) {
    forceFailure = why;
    changed.run();
  }

  /** Whether a force failed since the server started: reads stay paused. */
  boolean stopped() {
    return forceFailure != null;
  }

  /** The segments' size changed by {@code delta} bytes (negative when one was deleted). */
  void grew(long delta) {
    long after = bytes.addAndGet(delta);
    if (settings.logs() && (after - delta >= settings.maxBytes()) != (after >= settings.maxBytes())) {
      changed.run(); // full, or no longer: the only change of the bytes problem() shows
    }
  }

  /** Bytes the log's segments hold now. */
  long bytes() {
    return bytes.get();
  }

  /** Whether the segments have reached the size bound: reads pause until acknowledgements delete some. */
  boolean full() {
    return settings.logs() && bytes.get() >= settings.maxBytes();
  }

  /** {@code holder}'s oldest unacknowledged batch was sealed at {@code sinceMillis} (epoch ms); 0: it holds none. */
  void oldestHeld(Object holder, long sinceMillis) {
    if (sinceMillis == 0) {
      oldestHeld.remove(holder);
    } else {
      oldestHeld.put(holder, sinceMillis);
    }
  }

  /** The age in ms of the oldest line not yet acknowledged by a monitor, over all instances; 0 when none is held. */
  long oldestUnackedMs() {
    long now = System.currentTimeMillis();
    return oldestHeld.values().stream().mapToLong(since -> Math.max(0, now - since)).max().orElse(0);
  }

  /** A force() of the group commit took {@code micros}. */
  void synced(long micros) {
    lastSyncMicros = micros;
    maxSyncMicros.accumulateAndGet(micros, Math::max);
  }

  long lastSyncMicros() {
    return lastSyncMicros;
  }

  long maxSyncMicros() {
    return maxSyncMicros.get();
  }

  /** {@code holder}'s log cannot be written ({@code why}), or can again ({@code null}). */
  void writeFailure(Object holder, String why) {
    put(writeFailures, holder, why);
  }

  /** Whether an instance cannot write its log now (a full disk): settled segments are deleted at once, for their space. */
  boolean cannotWrite() {
    return !writeFailures.isEmpty();
  }

  /** A monitor refuses a batch {@code holder} keeps in the log ({@code why}: its failure code and message), or none is refused ({@code null}). */
  void refused(Object holder, String why) {
    put(refusals, holder, why);
  }

  private void put(Map<Object, String> reasons, Object holder, String why) {
    String before = why == null ? reasons.remove(holder) : reasons.put(holder, why);
    if (!Objects.equals(before, why)) {
      changed.run();
    }
  }

  /**
   * The log's figures for status: durability, the oldest unacknowledged line's age (ms); with a log
   * also dir, bytes, bound, replayed lines, torn records, the last and slowest force (us).
   */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("durability", settings.durability().label()).put("oldestUnackedMs", oldestUnackedMs());
    if (!settings.logs()) {
      return json;
    }
    return json.put("dir", settings.dir().toString()).put("bytes", bytes()).put("maxBytes", settings.maxBytes())
        .put("replayed", replayed.sum()).put("tornRecords", tornRecords.sum())
        .put("lastSyncMicros", lastSyncMicros).put("maxSyncMicros", maxSyncMicros.get());
  }

  /**
   * Why the server is {@code degraded} because of its log, or null when it is not: it cannot write
   * it, it is full, or a monitor refuses batches held in it.
   */
  String problem() {
    String forced = forceFailure;
    if (forced != null) {
      return "a force of the data log in " + settings.dir() + " to disk failed (" + forced + "): what was written since "
          + "the last good force may not be on disk, so no more lines are acknowledged as durable and TCP reads are paused; "
          + "check the disk (the kernel log says more), then restart the server: its next start delivers the log again";
    }
    String failure = writeFailures.values().stream().findAny().orElse(null);
    if (failure != null) {
      return "cannot write the data log in " + settings.dir() + " (" + failure + "): TCP reads are paused and nothing is "
          + "dropped; free space there and the server resumes by itself";
    }
    if (full()) {
      return "the data log in " + settings.dir() + " has reached its bound (--data-max-bytes " + settings.maxBytes()
          + "): TCP reads are paused until a monitor acknowledges; start or unfreeze a monitor";
    }
    String refusal = refusals.values().stream().findAny().orElse(null);
    if (refusal != null) {
      return "the monitor refuses our batches (" + refusal + "): they stay in the data log in " + settings.dir()
          + " and are sent again, and TCP reads pause while they are held; run a monitor of this server's version "
          + "(it takes them, or the next start delivers them)";
    }
    return null;
  }
}
