package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The acknowledged prefix of a segment: out-of-order acknowledgements, and never past what is durable. */
class AckedPrefixTest {
  @Test
  @DisplayName("acknowledgements out of order: the offset is the end of the contiguous acknowledged records; a gap holds "
      + "it until it closes")
  void outOfOrder() {
    AckedPrefix prefix = segmentOf(5, 100, 250, 300, 420, 500); // records 5-9 of the log
    assertFalse(prefix.settled(6), "record 6 acknowledged before 5: beyond a gap");
    assertEquals(0, prefix.offset(Long.MAX_VALUE));
    assertTrue(prefix.settled(5));
    assertEquals(250, prefix.offset(Long.MAX_VALUE), "5 and 6 now");
    assertFalse(prefix.settled(8));
    assertFalse(prefix.settled(9));
    assertEquals(250, prefix.offset(Long.MAX_VALUE), "7 is missing");
    assertTrue(prefix.settled(7));
    assertEquals(500, prefix.offset(Long.MAX_VALUE), "all five");
    assertFalse(prefix.settled(7), "a repeat changes nothing");
    assertFalse(prefix.settled(4), "nor a record of another segment");
    assertFalse(prefix.settled(10));
  }

  @Test
  @DisplayName("the offset never passes the last durable record (fsync: the last group commit), however far "
      + "acknowledgements went")
  void boundedByDurable() {
    AckedPrefix prefix = segmentOf(1, 100, 200, 300);
    prefix.settled(1);
    prefix.settled(2);
    prefix.settled(3);
    assertEquals(0, prefix.offset(0), "nothing forced yet");
    assertEquals(200, prefix.offset(2));
    assertEquals(300, prefix.offset(3));
  }

  /** A segment whose first record is {@code first}, its records ending at {@code ends}. */
  private static AckedPrefix segmentOf(long first, long... ends) {
    AckedPrefix prefix = new AckedPrefix(first);
    for (long end : ends) {
      prefix.appended(end);
    }
    return prefix;
  }
}
