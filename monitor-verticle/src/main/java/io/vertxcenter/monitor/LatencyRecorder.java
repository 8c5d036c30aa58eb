package io.vertxcenter.monitor;

import io.vertx.core.json.JsonObject;

/**
 * The latencies from server receipt to the monitor, each recorded once, in one
 * {@link LatencyHistogram}: percentiles over the last {@link #WINDOW_SECONDS} to twice that many
 * seconds (two histograms, the older one cleared and reused every {@link #WINDOW_SECONDS}), and the
 * Prometheus buckets since the monitor started (a third histogram takes in each one before it is
 * cleared, so the two recent ones and it hold every latency). Recording allocates nothing; runs on
 * the monitor's event loop.
 */
final class LatencyRecorder {
  static final long WINDOW_SECONDS = 5;

  private LatencyHistogram recent = new LatencyHistogram();
  private LatencyHistogram previous = new LatencyHistogram();
  /** Every latency recorded before {@link #previous}. */
  private final LatencyHistogram older = new LatencyHistogram();
  private long seconds;

  /** Records one line's latency, in µs (a negative one, from clocks apart, counts as 0). */
  void record(long micros) {
    recent.record(micros);
  }

  /** The latency in ms below which {@code fraction} (0-1) of the recent ones fall; null if none. */
  Double percentileMs(double fraction) {
    return recent.percentileMs(fraction, previous);
  }

  /** Called once a second: every {@link #WINDOW_SECONDS} the oldest histogram goes into the ones since start, and is reused. */
  void second() {
    if (++seconds % WINDOW_SECONDS == 0) {
      LatencyHistogram oldest = previous;
      previous = recent;
      older.add(oldest);
      oldest.clear();
      recent = oldest;
    }
  }

  /**
   * {@code latencyP50Ms} and {@code latencyP99Ms} (null if none recently), and {@code latencyBuckets},
   * every latency since the start (see {@link LatencyHistogram#prometheusJson()}).
   */
  JsonObject toJson() {
    LatencyHistogram sinceStart = new LatencyHistogram();
    sinceStart.add(older);
    sinceStart.add(previous);
    sinceStart.add(recent);
    return new JsonObject()
        .put("latencyP50Ms", percentileMs(0.50))
        .put("latencyP99Ms", percentileMs(0.99))
        .put("latencyBuckets", sinceStart.prometheusJson());
  }
}
