package io.vertxcenter.client;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one load run, shared by its load verticle instances; also hands out the line quota. */
final class LoadStats {
  final LongAdder sent = new LongAdder();
  final LongAdder errors = new LongAdder();
  final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong quota;

  LoadStats(long count) {
    quota = new AtomicLong(count == 0 ? Long.MAX_VALUE : count);
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
