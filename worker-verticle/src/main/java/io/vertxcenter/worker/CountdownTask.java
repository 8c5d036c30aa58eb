package io.vertxcenter.worker;

import io.vertxcenter.common.Settings;

/**
 * The original's CPU-bound task: {@code task(n)} counts from {@code n} down to {@code -n}, 2n steps,
 * and the experiment runs it for every input {@code n = 0 .. TOTAL-1}.
 *
 * <p>Every step is kept observable. Java's JIT turns the plain loop ({@code n -= 1}) into a
 * constant even when its result is used, so a run would time nothing. So each step subtracts
 * {@link #step}, a {@code volatile} field the JIT must read on every iteration, and the time of a
 * run stays linear in its steps (the figures: README, Measurements).
 *
 * <p>A task returns the number of steps it took (2n), so a run's checksum has a closed form,
 * {@link #expectedChecksum}: a missing, repeated or wrong task shows as a wrong checksum.
 */
public final class CountdownTask {
  /** Largest TOTAL a bench accepts: ~4·10^12 steps, already many minutes of sequential counting (README, Measurements). */
  public static final long MAX_TOTAL = 2_000_000;
  /** The TOTALs a bench accepts: at least one task, at most {@link #MAX_TOTAL}. */
  public static final Settings.Range TOTAL = new Settings.Range(1, MAX_TOTAL);

  /** Always 1; volatile so that the JIT cannot fold the countdown loop (see the class comment). */
  private static volatile long step = 1;

  private CountdownTask() {}

  /** Counts from {@code n} down to {@code -n} and returns the number of steps taken (2n). */
  public static long run(long n) {
    long end = -n;
    long steps = 0;
    while (n > end) {
      n -= step;
      steps++;
    }
    return steps;
  }

  /** Runs the tasks {@code from .. to-1} and returns the sum of their results. */
  public static long runRange(long from, long to) {
    long sum = 0;
    for (long n = from; n < to; n++) {
      sum += run(n);
    }
    return sum;
  }

  /** The checksum of a complete, correct run over {@code 0 .. total-1}: the sum of 2n, total(total-1). */
  public static long expectedChecksum(long total) {
    return total * (total - 1);
  }
}
