package io.vertxcenter.monitor;

import io.vertx.core.json.JsonObject;

/**
 * The latencies from server receipt to the monitor: percentiles over the last
 * {@link #WINDOW_SECONDS} to twice that many seconds (two histograms, the older one cleared and
 * reused every {@link #WINDOW_SECONDS}), and Prometheus buckets since the monitor started. Recording
 * allocates nothing; runs on the monitor's event loop.
 */
final class LatencyRecorder {
  static final long WINDOW_SECONDS = 5;

  private LatencyHistogram recent = new LatencyHistogram();
  private LatencyHistogram previous = new LatencyHistogram();
  private final LatencyBuckets sinceStart = new LatencyBuckets();
  private long seconds;

  /** Records one line's latency, in µs (a negative one, from clocks apart, counts as 0). */
  void record(long micros) {
    recent.record(micros);
    sinceStart.record(micros);
  }

  /** The latency in ms below which {@code fraction} (0-1) of the recent ones fall; null if none. */
  Double percentileMs(double fraction) {
    return recent.percentileMs(fraction, previous);
  }

  /** Called once a second: every {@link #WINDOW_SECONDS} the oldest histogram is cleared and reused. */
  void second() {
    if (++seconds % WINDOW_SECONDS == 0) {
      LatencyHistogram oldest = previous;
      previous = recent;
      oldest.clear();
      recent = oldest;
    }
  }

  /**
   * {@code latencyP50Ms} and {@code latencyP99Ms} (null if none recently), and {@code latencyBuckets}
   * (see {@link LatencyBuckets#toJson()}).
   */
  JsonObject toJson() {
    return new JsonObject()
        .put("latencyP50Ms", percentileMs(0.50))
        .put("latencyP99Ms", percentileMs(0.99))
        .put("latencyBuckets", sinceStart.toJson());
  }
}
