package io.vertxcenter.common;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting in tests for a value another thread or process brings about, with a deadline. */
public final class Eventually {
  /** 10 ms: short against the waits measured with it (a registry entry in ~1 s), long enough not to spin a core. */
  private static final long POLL_NANOS = 10_000_000;

  private Eventually() {}

  /**
   * Polls {@code value} every 10 ms until {@code done} holds for it, failing with the last value after
   * {@code timeout}.
   *
   * @return the matching value
   * @throws AssertionError naming {@code what} and the last value seen, when none matched in time
   */
  public static <T> T await(String what, Supplier<T> value, Predicate<T> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not reached within " + timeout + "; last seen: " + last);
      }
      LockSupport.parkNanos(POLL_NANOS);
      last = value.get();
    }
    return last;
  }
}
