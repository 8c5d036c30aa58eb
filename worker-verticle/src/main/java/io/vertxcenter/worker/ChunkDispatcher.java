package io.vertxcenter.worker;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the chunks of a run, point-to-point, to whatever worker instances listen on an address,
 * and adds up their results. Dispatch is dynamic: at most {@code window} chunks are in flight,
 * and each answer lets the next chunk go, so fast instances take more work and a worker JVM that
 * joins takes work as soon as its consumers are registered. (Chunks dealt round-robin up front
 * leave the faster instances idle at the end; one message per task costs more in messaging than
 * the task itself: README, Measurements.)
 *
 * <p>A chunk whose worker fails, dies (no answer ever comes) or does not answer within the
 * timeout is sent again, and counted as a retry. A chunk that failed {@value #MAX_FAILURES} times
 * with an answer (its worker failed it, or no instance listened) fails the run; one that got no answer
 * is sent again without such a bound (a frozen worker JVM keeps getting its share of sends until the
 * cluster drops it, 30 s), and the run fails only when no chunk at all was answered for
 * {@value #STALL_MS} ms. The timeout adapts to the run: six times the
 * recent mean round trip (chunks cost about the same), within {@value #MIN_TIMEOUT_MS}-{@value
 * #MAX_TIMEOUT_MS} ms, and {@value #MAX_TIMEOUT_MS} ms until the first answer. (Not the slowest
 * round trip: a cold JVM's first chunks inflate it, and a run then waits long for the chunks of a
 * killed JVM; README, Measurements.) A point-to-point send does not say which node it went to, so a dead
 * node's chunks are found by their missing answers.
 * A late answer to a chunk already re-sent still counts if it comes first; each chunk's result
 * counts once.
 *
 * <p>A run whose {@link RunProgress} is abandoned sends nothing more and fails with the reason
 * (within {@value #WATCH_INTERVAL_MS} ms).
 *
 * <p>Everything runs on one Vert.x context, so the state needs no locks.
 */
public final class ChunkDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkDispatcher.class);
  static final long MIN_TIMEOUT_MS = 2_000;
  static final long MAX_TIMEOUT_MS = 60_000;
  private static final int TIMEOUT_FACTOR = 6;
  /** Weight of the newest round trip in the running mean. */
  private static final double RECENT_WEIGHT = 0.2;
  private static final long WATCH_INTERVAL_MS = 100;
  private static final long NO_HANDLERS_BACKOFF_MS = 200;
  /** Failed answers for one chunk before the run gives up: a chunk that keeps failing is a bug, not bad luck. */
  static final int MAX_FAILURES = 8;
  /** How long a run waits with no chunk answered at all before it fails: twice the longest timeout. */
  static final long STALL_MS = 2 * MAX_TIMEOUT_MS;

  private final Vertx vertx;
  private final BenchMode mode;
  private final String address;
  private final List<Chunk> chunks;
  private final int window;
  private final RunProgress progress;
  private final Promise<RunResult> promise = Promise.promise();
  private final Deque<Chunk> pending;
  /** Chunk index to the time its current send left, for the chunks counted in the window. */
  private final Map<Integer, Long> inFlight = new HashMap<>();
  /** Chunk index to the failed answers it got. */
  private final Map<Integer, Integer> failures = new HashMap<>();
  private final ChunkResult[] results;
  private int resultCount;
  private double meanRoundTripNanos;
  /** Why the latest chunk was lost, for the error when one is lost too often. */
  private String lastLoss;
  private long startedNanos;
  private long lastAnswerNanos;
  private long watchTimer;

  private ChunkDispatcher(Vertx vertx, BenchMode mode, String address, List<Chunk> chunks, int window, RunProgress progress) {
    this.vertx = vertx;
    this.mode = mode;
    this.address = address;
    this.chunks = chunks;
    this.window = Math.max(1, window);
    this.progress = progress;
    this.pending = new ArrayDeque<>(chunks);
    this.results = new ChunkResult[chunks.size()];
  }

  /** Chunks in flight for {@code instances} workers: two each, so none idles while its next chunk travels. */
  public static int windowFor(int instances) {
    return 2 * Math.max(1, instances);
  }

  /**
   * Runs {@code chunks} (indexed 0..size-1 in order) on the instances listening on {@code address}.
   * The result is complete and checked by the caller ({@link RunResult#checksumOk()}); the future
   * fails only when a chunk cannot be done at all.
   */
  public static Future<RunResult> run(Vertx vertx, BenchMode mode, String address, List<Chunk> chunks, int window,
      RunProgress progress) {
    ChunkDispatcher dispatcher = new ChunkDispatcher(vertx, mode, address, chunks, window, progress);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> dispatcher.start());
    return dispatcher.promise.future();
  }

  private void start() {
    startedNanos = System.nanoTime();
    lastAnswerNanos = startedNanos;
    if (chunks.isEmpty()) {
      finish();
      return;
    }
    watchTimer = vertx.setPeriodic(WATCH_INTERVAL_MS, id -> resendOverdue());
    fill();
  }

  private void fill() {
    while (inFlight.size() < window && !pending.isEmpty() && !promise.future().isComplete()) {
      send(pending.poll());
    }
  }

  private void send(Chunk chunk) {
    long sentAt = System.nanoTime();
    inFlight.put(chunk.index(), sentAt);
    vertx.eventBus().<JsonObject>request(address, chunk.toJson(), new DeliveryOptions().setSendTimeout(MAX_TIMEOUT_MS))
        .onComplete(answer -> answered(chunk, sentAt, answer));
  }

  private void answered(Chunk chunk, long sentAt, AsyncResult<Message<JsonObject>> answer) {
    if (promise.future().isComplete()) {
      return;
    }
    boolean counted = inFlight.remove(chunk.index(), sentAt);
    if (answer.succeeded()) {
      accept(chunk, ChunkResult.fromJson(answer.result().body()), sentAt);
    } else if (counted) {
      // a send already written off by resendOverdue() has been re-sent; only the current one counts
      lost(chunk, answer.cause());
    }
    if (resultCount == chunks.size()) {
      finish();
    } else {
      fill();
    }
  }

  private void accept(Chunk chunk, ChunkResult result, long sentAt) {
    if (results[chunk.index()] != null) {
      return;
    }
    results[chunk.index()] = result;
    resultCount++;
    lastAnswerNanos = System.nanoTime();
    long roundTrip = System.nanoTime() - sentAt;
    meanRoundTripNanos = meanRoundTripNanos == 0 ? roundTrip : (1 - RECENT_WEIGHT) * meanRoundTripNanos + RECENT_WEIGHT * roundTrip;
    pending.remove(chunk);
    progress.chunkDone(result);
  }

  private void lost(Chunk chunk, Throwable cause) {
    progress.retried();
    boolean noHandlers = cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
    lastLoss = noHandlers ? "no worker instance listens on " + address : cause.getMessage();
    if (failures.merge(chunk.index(), 1, Integer::sum) >= MAX_FAILURES) {
      fail("chunk " + chunk.index() + " (inputs " + chunk.from() + "-" + (chunk.to() - 1) + ") was lost " + MAX_FAILURES
          + " times, last: " + lastLoss + "; see the worker nodes' logs");
      return;
    }
    LOG.info("{} chunk {} sent again: {}", mode.label(), chunk.index(), lastLoss);
    if (noHandlers) {
      vertx.setTimer(NO_HANDLERS_BACKOFF_MS, id -> {
        pending.addFirst(chunk);
        fill();
      });
    } else {
      pending.addFirst(chunk);
    }
  }

  /** Writes off the sends that have waited longer than the timeout and sends their chunks again. */
  private void resendOverdue() {
    if (progress.abandoned() != null) {
      fail(progress.abandoned());
      return;
    }
    long timeout = timeoutNanos();
    long now = System.nanoTime();
    if (now - lastAnswerNanos > TimeUnit.MILLISECONDS.toNanos(STALL_MS)) {
      fail("no worker instance answered for " + STALL_MS / 1000 + " s (last: " + lastLoss + "); see the worker nodes' logs");
      return;
    }
    List<Integer> overdue = inFlight.entrySet().stream()
        .filter(entry -> now - entry.getValue() > timeout)
        .map(Map.Entry::getKey)
        .toList();
    for (int index : overdue) {
      inFlight.remove(index);
      progress.retried();
      lastLoss = "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms";
      LOG.info("{} chunk {} sent again: {}", mode.label(), index, lastLoss);
      pending.addFirst(chunks.get(index));
    }
    fill();
  }

  private long timeoutNanos() {
    long max = TimeUnit.MILLISECONDS.toNanos(MAX_TIMEOUT_MS);
    if (meanRoundTripNanos == 0) {
      return max;
    }
    return Math.min(max, Math.max(TimeUnit.MILLISECONDS.toNanos(MIN_TIMEOUT_MS), (long) (TIMEOUT_FACTOR * meanRoundTripNanos)));
  }

  private void finish() {
    vertx.cancelTimer(watchTimer);
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    long tasks = 0;
    long checksum = 0;
    Set<String> instances = new HashSet<>();
    Set<String> nodes = new HashSet<>();
    for (ChunkResult result : results) {
      tasks += result.tasks();
      checksum += result.checksum();
      instances.add(result.instance());
      nodes.add(result.node());
    }
    promise.tryComplete(new RunResult(mode, progress.total(), seconds, tasks, checksum, chunks.size(),
        instances.size(), nodes.size(), progress.retries(), null));
  }

  private void fail(String reason) {
    vertx.cancelTimer(watchTimer);
    promise.tryFail(reason);
  }
}
