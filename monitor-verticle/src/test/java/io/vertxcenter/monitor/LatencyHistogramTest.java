package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

  @Test
  @DisplayName("a percentile is within 3 % of the latency at every scale, from 1 µs to past 10 s")
  void percentileOfOneLatency() {
    LatencyHistogram none = new LatencyHistogram();
    for (long micros = 1; micros < 100_000_000_000L; micros = micros * 11 / 10 + 1) {
      LatencyHistogram one = new LatencyHistogram();
      one.record(micros);
      double exactMs = micros / 1000.0;
      assertEquals(exactMs, one.percentileMs(0.5, none), exactMs * 0.03 + 0.005, micros + " µs");
    }
  }

  @Test
  @DisplayName("the Prometheus buckets from the same counts: each latency in the first bucket whose bound it does not pass, past the last in +Inf")
  void prometheusBuckets() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(0);
    histogram.record(250);        // on the first bound: first bucket
    histogram.record(251);        // just past it: second
    histogram.record(3_000);      // 2.5-5 ms
    histogram.record(5_000);      // on a bound: 2.5-5 ms
    histogram.record(5_001);      // 5-10 ms
    histogram.record(10_000_000); // the last bound
    histogram.record(60_000_000); // a minute: +Inf
    histogram.record(-5);         // clocks apart: 0
    JsonObject json = histogram.prometheusJson();
    JsonArray counts = json.getJsonArray("counts");
    assertEquals(LatencyHistogram.PROMETHEUS_UPPER_MICROS.length + 1, counts.size());
    assertEquals(3, counts.getLong(0));
    assertEquals(1, counts.getLong(1));
    assertEquals(2, counts.getLong(4));
    assertEquals(1, counts.getLong(5));
    assertEquals(1, counts.getLong(counts.size() - 2));
    assertEquals(1, counts.getLong(counts.size() - 1));
    assertEquals(9, counts.stream().mapToLong(count -> ((Number) count).longValue()).sum());
    assertEquals(0.00025, json.getJsonArray("upperSeconds").getDouble(0));
    assertEquals(10.0, json.getJsonArray("upperSeconds").getDouble(counts.size() - 2));
    assertEquals(70.013502, json.getDouble("sumSeconds"), 1e-9);
  }

  @Test
  @DisplayName("every latency counts in the bucket of its bound, however close to it, over each whole range")
  void prometheusBucketsAtEveryBound() {
    long lower = 0;
    for (int bucket = 0; bucket < LatencyHistogram.PROMETHEUS_UPPER_MICROS.length; bucket++) {
      long upper = LatencyHistogram.PROMETHEUS_UPPER_MICROS[bucket];
      LatencyHistogram histogram = new LatencyHistogram();
      histogram.record(lower + 1);
      histogram.record((lower + upper) / 2);
      histogram.record(upper);
      histogram.record(upper + 1);
      JsonArray counts = histogram.prometheusJson().getJsonArray("counts");
      assertEquals(3, counts.getLong(bucket), "bucket up to " + upper + " µs: " + counts);
      assertEquals(1, counts.getLong(bucket + 1), "the next: " + counts);
      lower = upper;
    }
  }
}
