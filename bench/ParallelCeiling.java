/**
 * How much two threads give on this machine for the bench's countdown, outside VertxCenter: one
 * thread runs tasks 0..59,999, then two threads each run the same job at once. With two real cores
 * the second line takes about as long as the first (efficiency ~2x); on the 2-vCPU machines this
 * project runs on it measured 1.51x and 1.70x, the ceiling for `center bench`'s parallel modes.
 *
 *     java bench/ParallelCeiling.java
 */
public class ParallelCeiling {
  private static volatile long step = 1;

  static long countdown(long n) {
    long end = -n;
    long steps = 0;
    while (n > end) {
      n -= step;
      steps++;
    }
    return steps;
  }

  static long tasks(long from, long to) {
    long sum = 0;
    for (long n = from; n < to; n++) {
      sum += countdown(n);
    }
    return sum;
  }

  public static void main(String[] args) throws InterruptedException {
    tasks(0, 20_000); // warm-up: the measured runs use fully compiled code
    for (int round = 1; round <= 2; round++) {
      long started = System.nanoTime();
      tasks(0, 60_000);
      double one = (System.nanoTime() - started) / 1e9;
      Thread[] threads = {new Thread(() -> tasks(0, 60_000)), new Thread(() -> tasks(0, 60_000))};
      started = System.nanoTime();
      for (Thread thread : threads) {
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      double two = (System.nanoTime() - started) / 1e9;
      System.out.printf("round %d: one thread %.2f s, two threads doing it twice %.2f s: %.2fx%n", round, one, two, 2 * one / two);
    }
  }
}
