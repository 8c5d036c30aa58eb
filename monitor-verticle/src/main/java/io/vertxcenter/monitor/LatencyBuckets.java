package io.vertxcenter.monitor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Every latency since the monitor started, counted in the fixed buckets of a Prometheus histogram
 * (cumulative, never cleared, unlike the {@link LatencyHistogram} of the last seconds). Recording is
 * a few comparisons and one increment on the monitor's event loop; the status carries the counts.
 */
final class LatencyBuckets {
  /** Upper bounds of the buckets in microseconds, ascending; one more bucket holds the rest (+Inf). */
  static final long[] UPPER_MICROS = {
      250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 10_000_000};

  private final long[] counts = new long[UPPER_MICROS.length + 1];
  private long sumMicros;

  void record(long micros) {
    int bucket = 0;
    while (bucket < UPPER_MICROS.length && micros > UPPER_MICROS[bucket]) {
      bucket++;
    }
    counts[bucket]++;
    sumMicros += Math.max(0, micros);
  }

  /** {@code {upperSeconds: [...], counts: [per bucket, the last one +Inf], sumSeconds}}; counts are not cumulative. */
  JsonObject toJson() {
    JsonArray upper = new JsonArray();
    for (long bound : UPPER_MICROS) {
      upper.add(bound / 1e6);
    }
    JsonArray perBucket = new JsonArray();
    for (long count : counts) {
      perBucket.add(count);
    }
    return new JsonObject().put("upperSeconds", upper).put("counts", perBucket).put("sumSeconds", sumMicros / 1e6);
  }
}
