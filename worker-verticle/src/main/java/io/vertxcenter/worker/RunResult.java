package io.vertxcenter.worker;

import io.vertx.core.json.JsonObject;

/**
 * One timed run of the task over {@code 0 .. total-1}.
 *
 * @param seconds    wall-clock time from the first task started to the last result in
 * @param tasks      tasks whose results came back
 * @param checksum   the sum of their results
 * @param chunks     units of work the run was split into
 * @param instances  threads, verticle instances or cluster instances that ran at least one chunk
 * @param nodes      JVMs that ran at least one chunk
 * @param retries    chunks sent again because their worker failed, died or did not answer in time
 * @param coreSeconds for a run on one thread (Sequential), that thread's CPU time: what the run takes
 *                   on a core of its own, however busy the machine was; null for other runs
 */
public record RunResult(BenchMode mode, long total, double seconds, long tasks, long checksum,
    int chunks, int instances, int nodes, int retries, Double coreSeconds) {

  /** True only for a complete run with every task's result right. */
  public boolean checksumOk() {
    return tasks == total && checksum == CountdownTask.expectedChecksum(total);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("mode", mode.label())
        .put("total", total)
        .put("seconds", seconds)
        .put("tasks", tasks)
        .put("checksum", checksum)
        .put("checksumOk", checksumOk())
        .put("chunks", chunks)
        .put("instances", instances)
        .put("nodes", nodes)
        .put("retries", retries)
        .put("coreSeconds", coreSeconds);
  }

  public static RunResult fromJson(JsonObject json) {
    return new RunResult(BenchMode.parse(json.getString("mode")), json.getLong("total"), json.getDouble("seconds"),
        json.getLong("tasks"), json.getLong("checksum"), json.getInteger("chunks"), json.getInteger("instances"),
        json.getInteger("nodes"), json.getInteger("retries"), json.getDouble("coreSeconds"));
  }
}
