package io.vertxcenter.client;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one load run, shared by its load verticle instances; also hands out the line quota. */
final class LoadStats {
  final LongAdder sent = new LongAdder();
  final LongAdder errors = new LongAdder();
  /** Lines the server acknowledged (acknowledging port only); each line counts once, however often it was sent. */
  final LongAdder acknowledged = new LongAdder();
  /** Lines sent but not acknowledged yet, held to be sent again (acknowledging port only). */
  final LongAdder unacknowledged = new LongAdder();
  /** Lines sent again on a new connection because the last one ended before acknowledging them. */
  final LongAdder resent = new LongAdder();
  final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong quota;
  /** When the connects began failing with none of the run's connections reaching the server since, ms since the epoch; 0 when not failing. */
  private final AtomicLong failingSince = new AtomicLong();
  /** Connects that failed since a connection last reached the server. */
  private final AtomicLong failedAttempts = new AtomicLong();
  /** Failed connects before the server was last reached: the count the role logs once it is reached again. */
  private volatile long failedBeforeReached;
  private volatile String lastFailure;

  LoadStats(long count) {
    quota = new AtomicLong(count == 0 ? Long.MAX_VALUE : count);
  }

  /** The server acknowledged {@code lines} more lines. */
  void acknowledged(long lines) {
    acknowledged.add(lines);
    unacknowledged.add(-lines);
  }

  /** A connect (or a connection) failed, for {@code reason} (one line naming the server and why). */
  void failed(String reason) {
    lastFailure = reason;
    failedAttempts.incrementAndGet();
    failingSince.compareAndSet(0, System.currentTimeMillis());
  }

  /** A connection reached the server (it greeted): the run is no longer failing. */
  void reached() {
    failingSince.set(0);
    long failed = failedAttempts.getAndSet(0);
    if (failed > 0) {
      failedBeforeReached = failed;
    }
  }

  /** For how long connects have failed with no connection up, in ms; 0 while one is up or none has failed. */
  long unreachableForMs() {
    long since = failingSince.get();
    return since == 0 || connections.get() > 0 ? 0 : System.currentTimeMillis() - since;
  }

  /** Why the last connect failed, one line; null if none has. */
  String lastFailure() {
    return lastFailure;
  }

  /** Connects that failed since the server was last reached. */
  long failedAttempts() {
    return failedAttempts.get();
  }

  /** Connects that failed before the server was last reached. */
  long failedBeforeReached() {
    return failedBeforeReached;
  }

  /** Whether every line of a limited run has been handed out. */
  boolean allClaimed() {
    return quota.get() == 0;
  }

  /** Takes up to {@code wanted} lines from what is left to send; 0 once all are taken. */
  int claim(int wanted) {
    while (true) {
      long left = quota.get();
      int taken = (int) Math.min(left, wanted);
      if (taken == 0 || quota.compareAndSet(left, left - taken)) {
        return taken;
      }
    }
  }
}
