package io.vertxcenter.monitor;

/**
 * Counts of latencies in microseconds, in log-linear buckets (32 per power of two, so a percentile
 * is within ~3 %), cheap enough to record every message.
 */
final class LatencyHistogram {
  private static final int LINEAR = 64;
  private static final int PER_POWER = 32;
  private final long[] counts = new long[LINEAR + PER_POWER * 58];
  private long total;

  void record(long micros) {
    counts[bucket(Math.max(0, micros))]++;
    total++;
  }

  void clear() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
  }

  long total() {
    return total;
  }

  /** The latency below which {@code fraction} of the recorded ones fall, in ms, over this and {@code other}; null if none. */
  Double percentileMs(double fraction, LatencyHistogram other) {
    long all = total + other.total;
    if (all == 0) {
      return null;
    }
    long rank = (long) Math.ceil(fraction * all);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i] + other.counts[i];
      if (seen >= rank) {
        return Math.round(upperBound(i) / 10.0) / 100.0;
      }
    }
    return Math.round(upperBound(counts.length - 1) / 10.0) / 100.0;
  }

  private static int bucket(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int power = 63 - Long.numberOfLeadingZeros(micros); // >= 6
    int shift = power - 5;
    return LINEAR + (power - 6) * PER_POWER + (int) ((micros >> shift) & (PER_POWER - 1));
  }

  private static long upperBound(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int power = (bucket - LINEAR) / PER_POWER + 6;
    long step = (bucket - LINEAR) % PER_POWER;
    return ((PER_POWER + step + 1) << (power - 5)) - 1;
  }
}
