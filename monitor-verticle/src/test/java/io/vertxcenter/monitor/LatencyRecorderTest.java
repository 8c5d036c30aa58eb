package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
    for (int second = 0; second < 3 * LatencyRecorder.WINDOW_SECONDS; second++) {
      latency.second();
    }
    latency.record(300);
    JsonObject buckets = latency.toJson().getJsonObject("latencyBuckets");
    JsonArray counts = buckets.getJsonArray("counts");
    assertEquals(102, counts.stream().mapToLong(count -> ((Number) count).longValue()).sum(), "every latency, long gone from the percentiles too");
    assertEquals(100, counts.getLong(7), "25-50 ms: " + counts);
    assertEquals(1, counts.getLong(2), "0.5-1 ms: " + counts);
    assertEquals(1, counts.getLong(1), "0.25-0.5 ms: " + counts);
    assertEquals(4.0013, buckets.getDouble("sumSeconds"), 1e-9);
  }
}
