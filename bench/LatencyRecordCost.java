package io.vertxcenter.monitor;

import java.util.Arrays;
import java.util.Random;

/**
 * What recording one latency costs the monitor ({@link LatencyRecorder#record}), alone: 12 rounds
 * of 50,000,000 calls on latencies of 0.2-4.2 ms (skewed low, as a loaded pipeline's), the first two
 * rounds a warm-up; prints the median ns per call. In the monitor's package, so it must be compiled
 * against the jar, not run as a source file:
 *
 * <pre>
 *   javac -d /tmp/lrc -cp cli/target/center.jar bench/LatencyRecordCost.java
 *   java -cp /tmp/lrc:cli/target/center.jar io.vertxcenter.monitor.LatencyRecordCost
 * </pre>
 */
public class LatencyRecordCost {
  public static void main(String[] args) {
    long[] latencies = new long[1 << 16];
    Random random = new Random(1);
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = 200 + (long) (random.nextDouble() * random.nextDouble() * 4000);
    }
    LatencyRecorder recorder = new LatencyRecorder();
    int calls = 50_000_000;
    double[] nsPerCall = new double[10];
    for (int round = -2; round < nsPerCall.length; round++) {
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        recorder.record(latencies[i & (latencies.length - 1)]);
      }
      long elapsed = System.nanoTime() - started;
      recorder.second();
      if (round >= 0) {
        nsPerCall[round] = (double) elapsed / calls;
      }
    }
    Arrays.sort(nsPerCall);
    System.out.printf("LatencyRecorder.record: median %.2f ns per call (min %.2f, max %.2f); p50 %s ms%n",
        nsPerCall[nsPerCall.length / 2], nsPerCall[0], nsPerCall[nsPerCall.length - 1],
        recorder.toJson().getValue("latencyP50Ms"));
  }
}
