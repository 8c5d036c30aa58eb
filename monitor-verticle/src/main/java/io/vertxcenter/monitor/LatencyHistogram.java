package io.vertxcenter.monitor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Counts of latencies in microseconds, fine enough for percentiles (each within 2.4 %) and laid
 * out so that every bound of the Prometheus histogram ({@link #PROMETHEUS_UPPER_MICROS}) is a
 * bucket edge: the same counts give both, exactly. Latencies up to 250 µs have a bucket per µs;
 * each range between two bounds (250-500 µs, 500 µs-1 ms, 1-2.5 ms, … on past 10 s) is cut in
 * {@value #PER_RANGE} equal buckets. Recording is a table look-up, a comparison, a multiplication and
 * three additions, and allocates nothing; used on the monitor's event loop only.
 */
final class LatencyHistogram {
  /** The Prometheus histogram's bucket bounds, µs, ascending; one more bucket holds the rest (+Inf). */
  static final long[] PROMETHEUS_UPPER_MICROS = {
      250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 10_000_000};
  /** Every range's upper bound: the Prometheus ones, then on in the same steps to ~11.6 days; longer latencies count in the last. */
  private static final long[] UPPER_MICROS = LongStream.concat(Arrays.stream(PROMETHEUS_UPPER_MICROS), LongStream.of(
      25_000_000L, 50_000_000L, 100_000_000L, 250_000_000L, 500_000_000L, 1_000_000_000L, 2_500_000_000L, 5_000_000_000L,
      10_000_000_000L, 25_000_000_000L, 50_000_000_000L, 100_000_000_000L, 250_000_000_000L, 500_000_000_000L,
      1_000_000_000_000L)).toArray();
  private static final long MAX_MICROS = UPPER_MICROS[UPPER_MICROS.length - 1];
  /** Buckets in the ranges above the first, which has one per µs. */
  private static final int PER_RANGE = 128;
  /** Per range: the smallest latency it holds, its first bucket (one more entry: the end of the last), and its buckets per µs. */
  private static final long[] FROM_MICROS = new long[UPPER_MICROS.length];
  private static final int[] FIRST_BUCKET = new int[UPPER_MICROS.length + 1];
  private static final double[] BUCKETS_PER_MICRO = new double[UPPER_MICROS.length];
  /** Per power of two 2^p: the range that holds it; a latency from 2^p to 2^(p+1) is in that range or the next. */
  private static final int[] RANGE_OF_POWER = new int[64];

  static {
    FIRST_BUCKET[1] = (int) UPPER_MICROS[0] + 1;
    BUCKETS_PER_MICRO[0] = 1;
    for (int range = 1; range < UPPER_MICROS.length; range++) {
      FROM_MICROS[range] = UPPER_MICROS[range - 1] + 1;
      FIRST_BUCKET[range + 1] = FIRST_BUCKET[range] + PER_RANGE;
      BUCKETS_PER_MICRO[range] = (double) PER_RANGE / (UPPER_MICROS[range] - UPPER_MICROS[range - 1]);
    }
    for (int power = 0, range = 0; power < 64; power++) {
      while (range < UPPER_MICROS.length - 1 && UPPER_MICROS[range] < 1L << power) {
        range++;
      }
      RANGE_OF_POWER[power] = range;
    }
  }

  private final long[] counts = new long[FIRST_BUCKET[UPPER_MICROS.length]];
  private long total;
  private long sumMicros;

  /** Records one latency in µs; a negative one (clocks apart) counts as 0. */
  void record(long micros) {
    long value = Math.max(0, micros);
    counts[bucket(value)]++;
    total++;
    sumMicros += value;
  }

  void clear() {
    Arrays.fill(counts, 0);
    total = 0;
    sumMicros = 0;
  }

  long total() {
    return total;
  }

  /** Adds what {@code other} holds to this. */
  void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    sumMicros += other.sumMicros;
  }

  /** The latency below which {@code fraction} of the recorded ones fall, in ms, over this and {@code other}; null if none. */
  Double percentileMs(double fraction, LatencyHistogram other) {
    long all = total + other.total;
    if (all == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * all));
    long seen = 0;
    int i = 0;
    while (i < counts.length - 1) {
      seen += counts[i] + other.counts[i];
      if (seen >= rank) {
        break;
      }
      i++;
    }
    return Math.round(upperBound(i) / 10.0) / 100.0;
  }

  /**
   * The Prometheus buckets: {@code {upperSeconds: [...], counts: [per bucket, the last one +Inf],
   * sumSeconds}}; counts are per bucket, not cumulative.
   */
  JsonObject prometheusJson() {
    JsonArray upper = new JsonArray();
    JsonArray perBucket = new JsonArray();
    long below = 0;
    for (int range = 0; range < PROMETHEUS_UPPER_MICROS.length; range++) {
      long inBucket = 0;
      for (int i = FIRST_BUCKET[range]; i < FIRST_BUCKET[range + 1]; i++) {
        inBucket += counts[i];
      }
      upper.add(PROMETHEUS_UPPER_MICROS[range] / 1e6);
      perBucket.add(inBucket);
      below += inBucket;
    }
    perBucket.add(total - below);
    return new JsonObject().put("upperSeconds", upper).put("counts", perBucket).put("sumSeconds", sumMicros / 1e6);
  }

  /**
   * Range 0 (0-250 µs) has a bucket per µs; range r (above bound r-1, up to bound r) {@link #PER_RANGE}
   * equal ones. The range is found from the latency's power of two (one comparison, no search), the
   * bucket by a multiplication: rounded down, a latency on the edge of two of a range's buckets may
   * land in the lower one, never in another range.
   */
  private static int bucket(long micros) {
    long value = Math.min(micros, MAX_MICROS);
    int range = RANGE_OF_POWER[63 - Long.numberOfLeadingZeros(value | 1)];
    if (value > UPPER_MICROS[range]) {
      range++;
    }
    return FIRST_BUCKET[range] + (int) ((value - FROM_MICROS[range]) * BUCKETS_PER_MICRO[range]);
  }

  /** The largest latency in µs that {@code bucket} holds. */
  private static long upperBound(int bucket) {
    int range = 0;
    while (bucket >= FIRST_BUCKET[range + 1]) {
      range++;
    }
    long width = UPPER_MICROS[range] - FROM_MICROS[range] + 1;
    long buckets = FIRST_BUCKET[range + 1] - FIRST_BUCKET[range];
    return FROM_MICROS[range] + ((bucket - FIRST_BUCKET[range] + 1) * width + buckets - 1) / buckets - 1;
  }
}
