package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeenSequencesTest {

  @Test
  @DisplayName("a sequence number is new once, in order or not")
  void eachNumberOnce() {
    SeenSequences seen = new SeenSequences();
    for (long seq = 10; seq <= 20; seq++) {
      assertTrue(seen.add(seq));
    }
    assertFalse(seen.add(15), "inside the range");
    assertTrue(seen.add(30), "after a gap");
    assertTrue(seen.add(5), "before the first");
    for (long seq = 21; seq < 30; seq++) {
      assertTrue(seen.add(seq), "filling the gap at " + seq);
    }
    for (long seq = 10; seq <= 30; seq++) {
      assertFalse(seen.add(seq), "seen before: " + seq);
    }
    assertTrue(seen.add(31));
    assertTrue(seen.add(8), "between earlier ranges");
    assertTrue(seen.add(7), "joining the range before");
    assertTrue(seen.add(6), "joining two ranges");
    assertTrue(seen.add(9), "joining everything");
    for (long seq = 5; seq <= 31; seq++) {
      assertFalse(seen.add(seq), "seen before: " + seq);
    }
    assertTrue(seen.add(40), "after a gap again");
    assertTrue(seen.add(32), "filling the newest gap");
  }
}
