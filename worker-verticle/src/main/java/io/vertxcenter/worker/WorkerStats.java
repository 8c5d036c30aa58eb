package io.vertxcenter.worker;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the worker instances of one node have done, for {@code workers status}. */
public final class WorkerStats {
  private final LongAdder tasksDone = new LongAdder();
  private final LongAdder busyNanos = new LongAdder();
  private final AtomicInteger instancesStarted = new AtomicInteger();

  void recordChunk(long tasks, long nanos) {
    tasksDone.add(tasks);
    busyNanos.add(nanos);
  }

  /** A name for a new worker instance, unique on its node: {@code node#k}. */
  String nextInstanceName(String nodeId) {
    return nodeId + "#" + instancesStarted.incrementAndGet();
  }

  /** {@code {node, instances, tasksDone, busyMs}}. */
  JsonObject toJson(String nodeId, int instances) {
    return new JsonObject()
        .put("node", nodeId)
        .put("instances", instances)
        .put("tasksDone", tasksDone.sum())
        .put("busyMs", TimeUnit.NANOSECONDS.toMillis(busyNanos.sum()));
  }
}
