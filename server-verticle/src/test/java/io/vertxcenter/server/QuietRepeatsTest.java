package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuietRepeatsTest {
  @Test
  @DisplayName("the first occurrence is logged, then at most one a minute, telling how many were not")
  void oncePerInterval() {
    AtomicLong now = new AtomicLong(123);
    QuietRepeats repeats = new QuietRepeats(60_000, now::get);
    assertEquals("", repeats.occurred());
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    assertNull(repeats.occurred());
    now.addAndGet(TimeUnit.SECONDS.toNanos(30));
    assertNull(repeats.occurred());
    now.addAndGet(TimeUnit.SECONDS.toNanos(30));
    assertEquals("; 2 more times since the last report", repeats.occurred());
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertNull(repeats.occurred());
    now.addAndGet(TimeUnit.MINUTES.toNanos(5));
    assertEquals("; 1 more time since the last report", repeats.occurred());
    now.addAndGet(TimeUnit.MINUTES.toNanos(5));
    assertEquals("", repeats.occurred());
  }
}
