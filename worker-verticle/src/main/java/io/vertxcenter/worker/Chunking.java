package io.vertxcenter.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the inputs {@code 0 .. total-1} into chunks of equal cost. Task n costs ~2n steps, so
 * equal-sized chunks are unbalanced (the second half costs three times the first): the k-th of
 * {@code count} chunks ends where the cumulative cost, ~n², reaches k/count of the whole, at
 * {@code total * sqrt(k/count)}. Many chunks keep the last one short, so no instance idles long
 * at the end of a run.
 */
public final class Chunking {
  /** Chunks per unit of parallelism: the tail of a run is then at most ~1/32 of an instance's share. */
  static final int CHUNKS_PER_INSTANCE = 32;
  /** At least this many chunks, so that a dynamic dispatcher can balance uneven instances. */
  static final int MIN_CHUNKS = 64;

  private Chunking() {}

  /** Equal-cost chunks for {@code parallelism} threads or instances working at once. */
  public static List<Chunk> forParallelism(long total, int parallelism) {
    long count = Math.max(MIN_CHUNKS, (long) CHUNKS_PER_INSTANCE * Math.max(1, parallelism));
    return split(total, (int) Math.min(count, Math.max(1, total)));
  }

  /**
   * {@code min(count, total)} non-empty chunks of about equal cost, in input order, that together
   * cover every input of {@code 0 .. total-1} exactly once.
   */
  public static List<Chunk> split(long total, int count) {
    if (total < 0 || count < 1) {
      throw new IllegalArgumentException("cannot split " + total + " inputs into " + count + " chunks");
    }
    int chunkCount = (int) Math.min(count, total);
    List<Chunk> chunks = new ArrayList<>(chunkCount);
    long from = 0;
    for (int k = 1; k <= chunkCount; k++) {
      long equalCostEnd = Math.round(total * Math.sqrt((double) k / chunkCount));
      // at least one input each, and enough left for the chunks still to come
      long to = Math.max(from + 1, Math.min(equalCostEnd, total - (chunkCount - k)));
      chunks.add(new Chunk(k - 1, from, to));
      from = to;
    }
    return chunks;
  }
}
