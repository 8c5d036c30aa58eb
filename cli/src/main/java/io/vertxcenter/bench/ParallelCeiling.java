package io.vertxcenter.bench;

import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Settings;
import io.vertxcenter.worker.CoreTime;
import io.vertxcenter.worker.CountdownTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * How much N threads give on this machine for the bench's countdown, outside any framework: one
 * thread runs tasks {@code 0..tasks-1}, then N threads each run that same job at once; the ceiling
 * is {@code N × one-thread time / N-thread time}, the one-thread time taken as that thread's CPU time
 * ({@link CoreTime}), as the bench's Sequential baseline is, so that other load on the machine during
 * the one-thread run cannot raise the ceiling. With N real cores it is ~N; on shared virtual
 * cores it is less (README, "CPU-bound work", has the figures). No parallel mode of {@code center bench} can beat it
 * on this machine, so the bench prints it beside its speed-ups and flags a figure far above it.
 * {@code bench/ParallelCeiling.java} runs it alone.
 */
public final class ParallelCeiling {
  /** Tasks of the single-thread job: ~0.5 s on one core here, long enough to time, short enough to repeat. */
  public static final long DEFAULT_TASKS = 40_000;

  /** One measurement: the single-thread job's time, the N-thread time, and the speed-up they give. */
  public record Measurement(int threads, double oneThreadSeconds, double allThreadsSeconds) {
    /** {@code threads × oneThreadSeconds / allThreadsSeconds}. */
    public double speedup() {
      return threads * oneThreadSeconds / allThreadsSeconds;
    }
  }

  private ParallelCeiling() {}

  /**
   * Runs the single-thread job once on the calling thread, then on {@code threads} threads at once.
   *
   * @param threads 1 or more; usually the cores of this machine
   * @param tasks   tasks of the single-thread job, 1 or more
   */
  public static Measurement measure(int threads, long tasks) {
    long startedCpu = CoreTime.ofThisThread();
    long expected = CountdownTask.runRange(0, tasks);
    double one = (CoreTime.ofThisThread() - startedCpu) / 1e9;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    List<Thread> running = new ArrayList<>();
    long[] sums = new long[threads];
    for (int i = 0; i < threads; i++) {
      int index = i;
      Thread thread = new Thread(() -> {
        awaitStart(start);
        sums[index] = CountdownTask.runRange(0, tasks);
      }, "parallel-ceiling-" + i);
      thread.setDaemon(true);
      thread.start();
      running.add(thread);
    }
    awaitStart(start);
    long started = System.nanoTime();
    for (Thread thread : running) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while measuring the parallel ceiling", e);
      }
    }
    double all = (System.nanoTime() - started) / 1e9;
    for (long sum : sums) {
      if (sum != expected) {
        throw new IllegalStateException("a thread of the parallel ceiling counted " + sum + ", expected " + expected);
      }
    }
    return new Measurement(threads, one, all);
  }

  private static void awaitStart(CyclicBarrier start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring the parallel ceiling", e);
    } catch (BrokenBarrierException e) {
      throw new IllegalStateException("the parallel ceiling's threads did not all start", e);
    }
  }

  /** {@code java -cp cli/target/center.jar io.vertxcenter.bench.ParallelCeiling [ROUNDS]}: a warm-up, then the rounds. */
  public static void main(String[] args) {
    int rounds = 2;
    if (args.length > 0) {
      try {
        rounds = (int) new Settings.Range(1, 100).wholeNumber("ROUNDS", args[0]);
      } catch (Failure.CommandException e) {
        System.err.println("error: " + e.getMessage());
        System.exit(2);
      }
    }
    int threads = Runtime.getRuntime().availableProcessors();
    CountdownTask.runRange(0, DEFAULT_TASKS / 2); // warm-up: the measured runs use fully compiled code
    for (int round = 1; round <= rounds; round++) {
      Measurement m = measure(threads, DEFAULT_TASKS);
      System.out.printf("round %d: one thread %.2f s, %d threads each doing it %.2f s: %.2fx%n", round,
          m.oneThreadSeconds(), threads, m.allThreadsSeconds(), m.speedup());
    }
  }
}
