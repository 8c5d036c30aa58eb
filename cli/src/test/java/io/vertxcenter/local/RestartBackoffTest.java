package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

  @Test
  @DisplayName("a node that keeps exiting waits 1 s, then twice as long each time, up to 30 s")
  void doublesUpToThirtySeconds() {
    RestartBackoff backoff = new RestartBackoff();
    List<Long> delays = Stream.generate(() -> backoff.delayAfter(500)).limit(8).toList();
    assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L), delays);
  }

  @Test
  @DisplayName("a node that ran a minute or more starts again after 1 s")
  void startsOverAfterAHealthyRun() {
    RestartBackoff backoff = new RestartBackoff();
    backoff.delayAfter(100);
    backoff.delayAfter(100);
    assertEquals(4_000, backoff.delayAfter(59_999));
    assertEquals(1_000, backoff.delayAfter(60_000));
    assertEquals(2_000, backoff.delayAfter(10));
  }
}
