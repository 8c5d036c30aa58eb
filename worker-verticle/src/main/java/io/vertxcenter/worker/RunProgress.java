package io.vertxcenter.worker;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** How far a run has got; updated by whatever runs the tasks, read by a progress bar or a poll. */
public final class RunProgress {
  private final long total;
  private final LongAdder tasksDone = new LongAdder();
  private final AtomicInteger chunksDone = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();
  private final Map<String, Integer> chunksByNode = new ConcurrentHashMap<>();
  private volatile String abandoned;

  public RunProgress(long total) {
    this.total = total;
  }

  public long total() {
    return total;
  }

  public long tasksDone() {
    return tasksDone.sum();
  }

  public int retries() {
    return retries.get();
  }

  void addTasks(long tasks) {
    tasksDone.add(tasks);
  }

  void chunkDone(ChunkResult result) {
    tasksDone.add(result.tasks());
    chunksDone.incrementAndGet();
    chunksByNode.merge(result.node(), 1, Integer::sum);
  }

  void retried() {
    retries.incrementAndGet();
  }

  /** Asks whatever runs the tasks to stop sending them: the run fails with {@code reason}. */
  void abandon(String reason) {
    abandoned = reason;
  }

  /** Why the run was abandoned, or null while it is wanted. */
  String abandoned() {
    return abandoned;
  }

  /** {@code {total, tasksDone, chunksDone, retries, nodes: {node: chunks done}}}. */
  public JsonObject toJson() {
    JsonObject nodes = new JsonObject();
    chunksByNode.forEach(nodes::put);
    return new JsonObject()
        .put("total", total)
        .put("tasksDone", tasksDone())
        .put("chunksDone", chunksDone.get())
        .put("retries", retries.get())
        .put("nodes", nodes);
  }
}
