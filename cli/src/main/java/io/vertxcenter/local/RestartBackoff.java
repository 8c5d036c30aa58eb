package io.vertxcenter.local;

/**
 * How long the supervisor waits before starting a node that exited: 1 s, then twice as long after
 * each exit up to 30 s, so a node that cannot start does not spin; a node that had run for
 * {@link #STABLE_MS} or more starts again from 1 s.
 */
final class RestartBackoff {
  static final long FIRST_MS = 1_000;
  static final long MAX_MS = 30_000;
  /** A run at least this long (ms) counts as healthy: the next delay starts over. */
  static final long STABLE_MS = 60_000;

  private long nextMs = FIRST_MS;

  /**
   * The delay before the next start, in ms.
   *
   * @param ranForMs how long the run that just ended lasted, in ms
   */
  long delayAfter(long ranForMs) {
    if (ranForMs >= STABLE_MS) {
      nextMs = FIRST_MS;
    }
    long delay = nextMs;
    nextMs = Math.min(nextMs * 2, MAX_MS);
    return delay;
  }
}
