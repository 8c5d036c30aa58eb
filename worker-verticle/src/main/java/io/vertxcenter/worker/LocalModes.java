package io.vertxcenter.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bench modes that run inside one JVM. Sequential and Threads are plain Java and block the
 * caller; Event-Loop and Workers run on the given Vert.x instance and return a future.
 */
public final class LocalModes {
  /** The worker pool of the Workers mode, separate from any node's own. */
  static final String POOL_NAME = "center-bench-workers";

  private LocalModes() {}

  /**
   * Every task in a plain loop on the calling thread; the result has that thread's CPU time for the
   * run too ({@link RunResult#coreSeconds()}), the run's time on a core of its own.
   */
  public static RunResult sequential(long total, RunProgress progress) {
    long startedCpu = CoreTime.ofThisThread();
    long started = System.nanoTime();
    long checksum = 0;
    for (long n = 0; n < total; n++) {
      checksum += CountdownTask.run(n);
      progress.addTasks(1);
    }
    return inOneJvm(BenchMode.SEQUENTIAL, total, started, total, checksum, 1, 1, (CoreTime.ofThisThread() - startedCpu) / 1e9);
  }

  /** Equal-cost chunks on a pool of {@code threads} threads, each taking the next chunk when it is free. */
  public static RunResult threads(long total, int threads, RunProgress progress) {
    List<Chunk> chunks = Chunking.forParallelism(total, threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "bench-thread");
      thread.setDaemon(true);
      return thread;
    });
    try {
      long started = System.nanoTime();
      List<CompletableFuture<Long>> sums = new ArrayList<>();
      for (Chunk chunk : chunks) {
        sums.add(CompletableFuture.supplyAsync(() -> {
          long sum = CountdownTask.runRange(chunk.from(), chunk.to());
          progress.addTasks(chunk.tasks());
          return sum;
        }, pool));
      }
      long checksum = 0;
      for (CompletableFuture<Long> sum : sums) {
        checksum += sum.join();
      }
      return inOneJvm(BenchMode.THREADS, total, started, total, checksum, chunks.size(), threads, null);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One event per task on a single event loop, all queued at once, as {@code asyncio.gather} queues
   * one coroutine per input: they interleave with other events, but only one runs at a time.
   */
  public static Future<RunResult> eventLoop(Vertx vertx, long total, RunProgress progress) {
    Promise<RunResult> promise = Promise.promise();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      long started = System.nanoTime();
      long[] checksumAndDone = new long[2];
      if (total == 0) {
        promise.complete(inOneJvm(BenchMode.EVENT_LOOP, total, started, 0, 0, 0, 1, null));
      }
      for (long n = 0; n < total; n++) {
        long input = n;
        context.runOnContext(event -> {
          checksumAndDone[0] += CountdownTask.run(input);
          progress.addTasks(1);
          if (++checksumAndDone[1] == total) {
            promise.complete(inOneJvm(BenchMode.EVENT_LOOP, total, started, total, checksumAndDone[0], (int) total, 1, null));
          }
        });
      }
    });
    return promise.future();
  }

  /**
   * {@code instances} {@link TaskVerticle}s deployed as WORKER verticles on a pool of their own and
   * fed over this JVM's event bus by a {@link ChunkDispatcher}; undeployed afterwards. The time
   * counts from the first chunk sent, not the deployment.
   */
  public static Future<RunResult> workers(Vertx vertx, long total, int instances, RunProgress progress) {
    String address = "center.work.local." + UUID.randomUUID();
    WorkerStats stats = new WorkerStats();
    return vertx.deployVerticle(() -> new TaskVerticle(address, "local", stats), TaskVerticle.deploymentOptions(POOL_NAME, instances))
        .compose(deployment -> ChunkDispatcher.run(vertx, BenchMode.WORKERS, address,
                Chunking.forParallelism(total, instances), ChunkDispatcher.windowFor(instances), progress)
            .eventually(() -> vertx.undeploy(deployment)));
  }

  private static RunResult inOneJvm(BenchMode mode, long total, long startedNanos, long tasks, long checksum, int chunks,
      int instances, Double coreSeconds) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return new RunResult(mode, total, seconds, tasks, checksum, chunks, instances, 1, 0, coreSeconds);
  }
}
