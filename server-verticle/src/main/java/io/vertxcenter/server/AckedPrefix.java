package io.vertxcenter.server;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The acknowledged prefix of one segment of this run's data log: records are appended in order and
 * acknowledged in any order (a window of batches is in flight), and this keeps the byte offset below
 * which every record is acknowledged. A record acknowledged beyond a gap only counts once the gap
 * closes (until then a crash delivers it again: a few batches at most). Runs on its log's event loop.
 */
final class AckedPrefix {
  /** The number (in its log) of the segment's first record. */
  private final long first;
  /** Where each record of the segment ends, in bytes from the segment's start, in append order. */
  private long[] ends = new long[16];
  private int count;
  /** Records {@code first .. first + prefix - 1} are all acknowledged. */
  private int prefix;
  /** Acknowledged records at or after {@link #prefix}, by index in the segment. */
  private final BitSet ahead = new BitSet();

  /** A segment whose first record will be record {@code first} of its log (1 or more). */
  AckedPrefix(long first) {
    this.first = first;
  }

  /** The segment's next record was appended; it ends at {@code end} bytes. */
  void appended(long end) {
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, count * 2);
    }
    ends[count++] = end;
  }

  /**
   * Record {@code record} (its number in the log) was acknowledged; returns whether the prefix grew.
   * A number outside the segment changes nothing.
   */
  boolean settled(long record) {
    long index = record - first;
    if (index < prefix || index >= count) {
      return false;
    }
    ahead.set((int) index);
    int before = prefix;
    while (prefix < count && ahead.get(prefix)) {
      ahead.clear(prefix);
      prefix++;
    }
    return prefix > before;
  }

  /**
   * The offset in bytes below which every record is acknowledged and also durable, the records up to
   * {@code durableRecord} (a number in the log) being durable: never past what a crash keeps. 0 when
   * the first record is not both.
   */
  long offset(long durableRecord) {
    int records = (int) Math.min(prefix, Math.max(0, durableRecord - first + 1));
    return records == 0 ? 0 : ends[records - 1];
  }
}
