package io.vertxcenter.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of the calling thread: how long its work took on a core, leaving out the time other
 * processes had the core. A bench's one-thread baseline is timed with it, so a busy machine cannot
 * inflate the baseline and with it every speed-up (README, "CPU-bound work").
 */
public final class CoreTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CoreTime() {}

  /**
   * The calling thread's CPU time so far, in ns (differences only are meaningful).
   *
   * @throws UnsupportedOperationException on a JVM that cannot measure it (HotSpot on Linux, macOS and Windows can)
   */
  public static long ofThisThread() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
