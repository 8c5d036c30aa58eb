package io.vertxcenter.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CountdownTaskTest {

  @Test
  @DisplayName("task(n) takes 2n steps, and a run's checksum is total(total-1)")
  void stepsAndChecksum() {
    assertEquals(0, CountdownTask.run(0));
    assertEquals(2, CountdownTask.run(1));
    assertEquals(39_998, CountdownTask.run(19_999));
    for (long total : new long[] {0, 1, 2, 7, 1_000}) {
      assertEquals(CountdownTask.expectedChecksum(total), CountdownTask.runRange(0, total), "total " + total);
    }
  }

  @Test
  @DisplayName("the countdown is not folded away by the JIT: 20,000 tasks take far longer than a constant would")
  void stepsAreNotFolded() {
    CountdownTask.runRange(0, 5_000); // warm up and let the JIT compile the loop
    long started = System.nanoTime();
    long checksum = CountdownTask.runRange(0, 20_000);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(CountdownTask.expectedChecksum(20_000), checksum);
    // 4e8 steps: ~115 ms at ~0.29 ns per step; a folded loop took 0-4 ms
    assertTrue(millis >= 40, "20,000 tasks took only " + millis + " ms: the loop was folded");
  }
}
