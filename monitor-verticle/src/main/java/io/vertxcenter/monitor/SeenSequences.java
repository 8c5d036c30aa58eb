package io.vertxcenter.monitor;

import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence numbers of one connection the monitor has already handled, as disjoint ranges. Lines
 * normally arrive in order, so the newest range, kept in two fields, grows at its end at the cost of
 * one comparison; a batch sent again after a later one got through leaves a gap for a while, and the
 * ranges before it wait in a tree (first → last) until the gap fills.
 */
final class SeenSequences {
  private final TreeMap<Long, Long> earlier = new TreeMap<>();
  /** The newest range, newestFirst..highest; empty while newestFirst > highest. */
  private long newestFirst = Long.MAX_VALUE;
  private long highest = Long.MIN_VALUE;
  long lastUsedMillis;

  /** Records {@code seq}; false when it was seen before (a duplicate). */
  boolean add(long seq) {
    if (seq == highest + 1 && newestFirst <= highest) {
      highest = seq;
      return true;
    }
    if (seq >= newestFirst && seq <= highest) {
      return false;
    }
    if (seq > highest) {
      if (newestFirst <= highest) {
        earlier.put(newestFirst, highest);
      }
      newestFirst = seq;
      highest = seq;
      return true;
    }
    return addBeforeNewest(seq);
  }

  private boolean addBeforeNewest(long seq) {
    Map.Entry<Long, Long> below = earlier.floorEntry(seq);
    if (below != null && seq <= below.getValue()) {
      return false;
    }
    long first = below != null && below.getValue() == seq - 1 ? below.getKey() : seq;
    if (seq == newestFirst - 1) {
      earlier.remove(first);
      newestFirst = first;
      return true;
    }
    Long next = earlier.remove(seq + 1);
    earlier.put(first, next != null ? next : seq);
    return true;
  }
}
