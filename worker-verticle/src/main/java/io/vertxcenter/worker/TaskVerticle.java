package io.vertxcenter.worker;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;

/**
 * One worker instance: runs the chunks of the CPU-bound task it receives and answers each with a
 * {@link ChunkResult}. Deployed as a WORKER verticle, so the counting runs on a worker thread and
 * one instance runs one chunk at a time. Every instance of every worker node listens on the same
 * address ({@link Addresses#WORK} in a cluster), so point-to-point sends spread over all of them.
 */
public class TaskVerticle extends VerticleBase {
  private final String address;
  private final String nodeId;
  private final WorkerStats stats;
  private String instance;

  public TaskVerticle(String address, String nodeId, WorkerStats stats) {
    this.address = address;
    this.nodeId = nodeId;
    this.stats = stats;
  }

  /**
   * {@code instances} WORKER instances on a named pool of as many threads: CPU-bound work never
   * runs on an event loop, and every instance has a thread of its own.
   */
  public static DeploymentOptions deploymentOptions(String poolName, int instances) {
    return new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(poolName)
        .setWorkerPoolSize(instances)
        .setInstances(instances);
  }

  @Override
  public Future<?> start() {
    instance = stats.nextInstanceName(nodeId);
    return vertx.eventBus().<JsonObject>consumer(address, this::runChunk).completion();
  }

  private void runChunk(Message<JsonObject> message) {
    Chunk chunk = Chunk.fromJson(message.body());
    long started = System.nanoTime();
    long checksum = CountdownTask.runRange(chunk.from(), chunk.to());
    stats.recordChunk(chunk.tasks(), System.nanoTime() - started);
    message.reply(new ChunkResult(chunk.index(), chunk.tasks(), checksum, nodeId, instance).toJson());
  }
}
