package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  @DisplayName("percentiles cover the last 5 to 10 seconds; the buckets count every latency since the start")
  void recentPercentilesAndBucketsSinceStart() {
    LatencyRecorder latency = new LatencyRecorder();
    assertNull(latency.percentileMs(0.5));
    for (int n = 0; n < 100; n++) {
      latency.record(40_000);
    }
    for (int second = 1; second < 2 * LatencyRecorder.WINDOW_SECONDS; second++) {
      latency.second();
    }
    assertEquals(40.0, latency.percentileMs(0.5), 40.0 * 0.03, "still within the window");
    latency.record(1_000);
    latency.second();
    assertEquals(1.0, latency.percentileMs(0.99), 1.0 * 0.03, "the old latencies are gone after 10 s");
    JsonArray counts = latency.toJson().getJsonObject("latencyBuckets").getJsonArray("counts");
    assertEquals(101, counts.stream().mapToLong(count -> ((Number) count).longValue()).sum());
  }
}
