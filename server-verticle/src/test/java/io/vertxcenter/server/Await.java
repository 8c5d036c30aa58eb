package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting in tests for a condition another thread brings about, with a deadline. */
final class Await {
  private Await() {}

  /** Returns once {@code done} holds (asked every 5 ms); fails naming {@code what} when it does not within {@code deadline}. */
  static void until(String what, Duration deadline, BooleanSupplier done) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, what + ": not within " + deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
