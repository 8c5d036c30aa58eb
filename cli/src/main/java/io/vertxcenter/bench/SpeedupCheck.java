package io.vertxcenter.bench;

import java.util.Optional;

/**
 * Whether a speed-up can be true. A mode that ran on T threads cannot be more than T times faster
 * than one thread, and on this machine not faster than the best {@link ParallelCeiling} measured
 * during the bench either (for modes that ran here). A figure above that bound by more than {@link #MARGIN} (timing noise)
 * means the timing was disturbed (a busy machine, a cold JIT): it is flagged, never shown as a result.
 */
public final class SpeedupCheck {
  /** How far above its bound a speed-up may be before it is not believable: 10%. */
  public static final double MARGIN = 0.10;

  private SpeedupCheck() {}

  /**
   * The most a mode can speed up by.
   *
   * @param threads  threads (event loops, verticle instances) that ran the mode, 1 or more
   * @param ceiling  this machine's measured parallel ceiling, when the mode ran on this machine; else empty
   * @return {@code min(threads, ceiling)}; exactly 1 for one thread
   */
  public static double bound(int threads, Optional<Double> ceiling) {
    double bound = Math.max(1, threads);
    if (threads > 1 && ceiling.isPresent()) {
      bound = Math.min(bound, Math.max(1, ceiling.get()));
    }
    return bound;
  }

  /** Why {@code speedup} cannot be true for a mode bounded by {@code bound}, or empty when it can. */
  public static Optional<String> flag(double speedup, double bound, int threads) {
    if (speedup <= bound * (1 + MARGIN)) {
      return Optional.empty();
    }
    return Optional.of(String.format("%.2fx measured on %d %s, where at most %.2fx is possible (+%.0f%% for noise)",
        speedup, threads, threads == 1 ? "thread" : "threads", bound, MARGIN * 100));
  }
}
