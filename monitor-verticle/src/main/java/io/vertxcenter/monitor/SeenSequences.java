package io.vertxcenter.monitor;

import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence numbers of one connection the monitor has already handled, as disjoint ranges
 * (first → last). Lines normally arrive in order, so this is one range that grows at its end; a
 * batch sent again after a later one got through leaves a gap for a while, which fills when it comes.
 */
final class SeenSequences {
  private final TreeMap<Long, Long> ranges = new TreeMap<>();
  /** The highest number seen, the end of the last range: the usual next one is this + 1. */
  private long highest = Long.MIN_VALUE;
  long lastUsedMillis;

  /** Records {@code seq}; false when it was seen before (a duplicate). */
  boolean add(long seq) {
    if (seq == highest + 1 && !ranges.isEmpty()) {
      ranges.put(ranges.lastKey(), seq);
      highest = seq;
      return true;
    }
    highest = Math.max(highest, seq);
    Map.Entry<Long, Long> below = ranges.floorEntry(seq);
    if (below != null && seq <= below.getValue()) {
      return false;
    }
    long first = seq;
    if (below != null && below.getValue() == seq - 1) {
      first = below.getKey();
    }
    long last = seq;
    Long next = ranges.remove(seq + 1);
    if (next != null) {
      last = next;
    }
    ranges.put(first, last);
    return true;
  }
}
