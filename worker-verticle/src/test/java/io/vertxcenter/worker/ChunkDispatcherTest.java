package io.vertxcenter.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Chunks that are lost on the way are sent again, and every result counts once. */
@ExtendWith(VertxExtension.class)
class ChunkDispatcherTest {
  private static final long TOTAL = 2_000;

  /** A worker that misbehaves on the first delivery of chunk 0 and answers everything else right. */
  private static void worker(Vertx vertx, String address, java.util.function.Consumer<Message<JsonObject>> firstDeliveryOfChunk0) {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      Chunk chunk = Chunk.fromJson(message.body());
      if (chunk.index() == 0 && seen.add(0)) {
        firstDeliveryOfChunk0.accept(message);
        return;
      }
      message.reply(new ChunkResult(chunk.index(), chunk.tasks(), CountdownTask.runRange(chunk.from(), chunk.to()),
          "node", "node#1").toJson());
    });
  }

  @Test
  @DisplayName("a chunk whose worker fails is sent again and the run is still complete, with the retry reported")
  void failedChunkIsRetried(Vertx vertx, VertxTestContext test) {
    worker(vertx, "work.failing", message -> message.fail(500, "worker crashed"));
    RunProgress progress = new RunProgress(TOTAL);
    ChunkDispatcher.run(vertx, BenchMode.WORKERS, "work.failing", Chunking.split(TOTAL, 16), 4, progress)
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertTrue(result.checksumOk(), result.toString());
          assertEquals(1, result.retries());
          assertEquals(16, progress.toJson().getInteger("chunksDone"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a chunk that is never answered is sent again once it is overdue; its late answer is not counted twice")
  void silentChunkIsRetried(Vertx vertx, VertxTestContext test) {
    // chunk 0's first delivery is answered only after the run has re-sent it and finished
    worker(vertx, "work.silent", message -> vertx.setTimer(ChunkDispatcher.MIN_TIMEOUT_MS * 3, id -> message.reply(
        new ChunkResult(0, 1, 1_000_000, "node", "node#1").toJson())));
    ChunkDispatcher.run(vertx, BenchMode.CLUSTER, "work.silent", Chunking.split(TOTAL, 16), 4, new RunProgress(TOTAL))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertTrue(result.checksumOk(), result.toString());
          assertEquals(1, result.retries());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a run with nobody listening fails after a few tries, saying which chunk")
  void noWorkers(Vertx vertx, VertxTestContext test) {
    ChunkDispatcher.run(vertx, BenchMode.CLUSTER, "work.nobody", Chunking.split(TOTAL, 4), 1, new RunProgress(TOTAL))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertTrue(error.getMessage().startsWith("chunk 0 (inputs 0-"), error.getMessage());
          assertTrue(error.getMessage().contains("was lost 8 times, last: no worker instance listens on work.nobody"), error.getMessage());
          test.completeNow();
        })));
  }
}
