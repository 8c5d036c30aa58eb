package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

  @Test
  @DisplayName("each latency lands in the first bucket whose bound it does not pass; past the last, in +Inf")
  void buckets() {
    LatencyBuckets buckets = new LatencyBuckets();
    buckets.record(0);
    buckets.record(250);        // on the first bound: first bucket
    buckets.record(251);        // just past it: second
    buckets.record(3_000);      // 2.5-5 ms
    buckets.record(60_000_000); // a minute: +Inf
    JsonObject json = buckets.toJson();
    JsonArray counts = json.getJsonArray("counts");
    assertEquals(LatencyBuckets.UPPER_MICROS.length + 1, counts.size());
    assertEquals(2, counts.getLong(0));
    assertEquals(1, counts.getLong(1));
    assertEquals(1, counts.getLong(4));
    assertEquals(1, counts.getLong(counts.size() - 1));
    assertEquals(0.00025, json.getJsonArray("upperSeconds").getDouble(0));
    assertEquals(60.003501, json.getDouble("sumSeconds"), 1e-9);
  }
}
