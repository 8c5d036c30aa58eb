package io.vertxcenter.worker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cluster mode's coordinator, on the worker node that took the {@code bench} command: it
 * dispatches the run's chunks to every worker instance of the cluster over {@link Addresses#WORK}
 * and keeps the run's progress and result for the CLI to poll ({@code bench-progress}). The CLI
 * reaches the cluster only through the TCP bridge, so it cannot send work itself.
 *
 * <p>A run nobody polled for {@link #ABANDON_MS} is abandoned: its CLI is gone, or gave up on this
 * node (it was frozen, and the CLI started the run again elsewhere), so after a SIGCONT it does not
 * compete with the run that replaced it for the cores.
 */
final class ClusterBenchRuns {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterBenchRuns.class);
  /** How long a finished run's result stays available to a poll. */
  private static final long KEEP_FINISHED_MS = 60_000;

  /**
   * How long a run goes on with nobody polling it: longer than the CLI waits for an answer before it
   * gives up on a coordinator (10 s), so a run the CLI still follows is never abandoned.
   */
  static final long ABANDON_MS = 15_000;
  private static final long ABANDON_CHECK_MS = 1_000;

  /** A run and when it was last polled (System.nanoTime), touched on the role's event loop only. */
  private static final class Run {
    final RunProgress progress;
    final Future<RunResult> result;
    long polledNanos = System.nanoTime();

    Run(RunProgress progress, Future<RunResult> result) {
      this.progress = progress;
      this.result = result;
    }
  }

  private final Vertx vertx;
  private final String nodeId;
  /**
   * Worker instances a run is sized for (its chunks: 32 per instance, and its window: 2 per
   * instance): up to 16 nodes of {@link WorkerRoleVerticle#MAX_INSTANCES}.
   */
  public static final Settings.Range INSTANCES = new Settings.Range(1, 16 * WorkerRoleVerticle.MAX_INSTANCES);

  /** Touched only on the worker role verticle's event loop. */
  private final Map<String, Run> runs = new HashMap<>();

  ClusterBenchRuns(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  /**
   * {@code bench} args {@code {total, instances}} (instances: how many the cluster has, which sizes
   * the chunks and the window) -> {@code {run,
   * coordinator, chunks}}, at once; the run goes on in the background.
   */
  Future<JsonObject> start(JsonObject args) {
    long total = CountdownTask.TOTAL.wholeNumber("bench total", args.getValue("total"));
    int instances = (int) INSTANCES.wholeNumber("bench instances", args.getValue("instances"));
    List<Chunk> chunks = Chunking.forParallelism(total, instances);
    String runId = UUID.randomUUID().toString().substring(0, 8);
    RunProgress progress = new RunProgress(total);
    Future<RunResult> result = ChunkDispatcher.run(vertx, BenchMode.CLUSTER, Addresses.WORK, chunks,
        ChunkDispatcher.windowFor(instances), progress);
    Run run = new Run(progress, result);
    runs.put(runId, run);
    long watch = vertx.setPeriodic(ABANDON_CHECK_MS, id -> {
      long silentMs = (System.nanoTime() - run.polledNanos) / 1_000_000;
      if (silentMs >= ABANDON_MS && progress.abandoned() == null) {
        progress.abandon("abandoned: nobody asked for its progress for " + silentMs / 1000 + " s");
      }
    });
    LOG.info("bench run {}: {} tasks in {} chunks for {} instances", runId, total, chunks.size(), instances);
    result.onComplete(done -> {
      if (done.succeeded()) {
        RunResult ran = done.result();
        LOG.info("bench run {} done in {} s on {} nodes, {} instances, {} retries, checksum {}", runId,
            String.format("%.3f", ran.seconds()), ran.nodes(), ran.instances(), ran.retries(), ran.checksumOk() ? "ok" : "WRONG");
      } else {
        LOG.warn("bench run {} failed: {}", runId, done.cause().getMessage());
      }
      vertx.cancelTimer(watch);
      vertx.setTimer(KEEP_FINISHED_MS, id -> runs.remove(runId));
    });
    return Future.succeededFuture(new JsonObject().put("run", runId).put("coordinator", nodeId).put("chunks", chunks.size()));
  }

  /**
   * {@code bench-progress} args {@code {run}} -> the run's progress ({@link RunProgress#toJson()})
   * with {@code finished}, and once finished either {@code result} or {@code error}.
   */
  Future<JsonObject> progress(JsonObject args) {
    String runId = args.getString("run", "");
    Run run = runs.get(runId);
    if (run == null) {
      return Future.failedFuture(Failure.NOT_FOUND.error("no bench run '" + runId + "' on node " + nodeId
          + " (a finished run is kept " + KEEP_FINISHED_MS / 1000 + " s): start one with 'center bench'"));
    }
    run.polledNanos = System.nanoTime();
    JsonObject status = run.progress.toJson().put("run", runId).put("finished", run.result.isComplete());
    if (run.result.succeeded()) {
      status.put("result", run.result.result().toJson());
    } else if (run.result.failed()) {
      status.put("error", run.result.cause().getMessage());
    }
    return Future.succeededFuture(status);
  }
}
