package io.vertxcenter.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChunkingTest {

  @Test
  @DisplayName("min(count, total) chunks cover every input exactly once, in order, none empty, for random totals and counts")
  void coversEveryInputOnce() {
    Random random = new Random(20_000);
    for (int trial = 0; trial < 2_000; trial++) {
      long total = switch (trial % 3) {
        case 0 -> random.nextInt(10);
        case 1 -> random.nextInt(1_000);
        default -> random.nextInt(2_000_000);
      };
      int count = 1 + random.nextInt(trial % 2 == 0 ? 8 : 5_000);
      List<Chunk> chunks = Chunking.split(total, count);
      String context = "total " + total + ", " + count + " chunks: ";
      assertEquals(Math.min(count, total), chunks.size(), context + "chunk count");
      long next = 0;
      for (int i = 0; i < chunks.size(); i++) {
        Chunk chunk = chunks.get(i);
        assertEquals(i, chunk.index(), context + "index");
        assertEquals(next, chunk.from(), context + "chunk " + i + " starts where the previous ended");
        assertTrue(chunk.to() > chunk.from(), context + "chunk " + i + " is empty");
        next = chunk.to();
      }
      assertEquals(total, next, context + "the last chunk ends at total");
    }
  }

  @Test
  @DisplayName("chunks cost about the same although task n costs ~2n steps")
  void chunksAreCostBalanced() {
    long total = 130_000;
    List<Chunk> chunks = Chunking.split(total, 64);
    assertEquals(64, chunks.size());
    double ideal = (double) CountdownTask.expectedChecksum(total) / chunks.size();
    for (Chunk chunk : chunks) {
      double cost = (double) CountdownTask.expectedChecksum(chunk.to()) - CountdownTask.expectedChecksum(chunk.from());
      assertEquals(1.0, cost / ideal, 0.02, "cost of chunk " + chunk);
    }
  }

  @Test
  @DisplayName("automatic chunking gives at least 64 chunks and 32 per instance, never more than the tasks")
  void automaticCount() {
    assertEquals(64, Chunking.forParallelism(130_000, 2).size());
    assertEquals(128, Chunking.forParallelism(130_000, 4).size());
    assertEquals(10, Chunking.forParallelism(10, 4).size());
  }
}
