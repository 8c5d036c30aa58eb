package io.vertxcenter.server;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether an event that can repeat every few hundred ms is logged this time: the first time, then
 * at most once per interval, the times in between counted and told with the next one logged. A
 * disk that stays nearly full makes the data log fail, resume and fail again every write retry;
 * each failure and each recovery is an event, but an operator needs one line a minute, not four a
 * second. Used on one thread (its owner's event loop).
 */
final class QuietRepeats {
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private boolean logged;
  private long loggedAtNanos;
  private long unlogged;

  /** Logs at most once per {@code intervalMs} ms (1 or more). */
  QuietRepeats(long intervalMs) {
    this(intervalMs, System::nanoTime);
  }

  /** As above, with the clock {@code nanoTime} (tests give their own). */
  QuietRepeats(long intervalMs, LongSupplier nanoTime) {
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    this.nanoTime = nanoTime;
  }

  /**
   * The event happened again: null when it is not to be logged this time (it is counted), else
   * what to append to its log line: empty, or {@code "; N more times since the last report"}.
   */
  String occurred() {
    long now = nanoTime.getAsLong();
    if (logged && now - loggedAtNanos < intervalNanos) {
      unlogged++;
      return null;
    }
    String note = unlogged == 0 ? "" : "; " + unlogged + " more " + (unlogged == 1 ? "time" : "times") + " since the last report";
    logged = true;
    loggedAtNanos = now;
    unlogged = 0;
    return note;
  }
}
