package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  @DisplayName("percentiles over two windows are within 3 % of the exact ones")
  void percentiles() {
    LatencyHistogram current = new LatencyHistogram();
    LatencyHistogram previous = new LatencyHistogram();
    assertNull(current.percentileMs(0.5, previous), "nothing recorded");
    for (long micros = 1; micros <= 10_000; micros++) {
      (micros % 2 == 0 ? current : previous).record(micros);
    }
    assertEquals(5.0, current.percentileMs(0.50, previous), 5.0 * 0.03);
    assertEquals(9.9, current.percentileMs(0.99, previous), 9.9 * 0.03);
    current.clear();
    assertEquals(5.0, previous.percentileMs(0.50, current), 5.0 * 0.03);
  }
}
