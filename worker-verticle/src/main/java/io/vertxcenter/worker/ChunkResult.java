package io.vertxcenter.worker;

import io.vertx.core.json.JsonObject;

/**
 * What a worker instance answers for a {@link Chunk}.
 *
 * @param index     the chunk's index in its run
 * @param tasks     how many tasks it ran
 * @param checksum  the sum of their results
 * @param node      the node that ran it
 * @param instance  the worker instance that ran it ({@code node#k})
 */
public record ChunkResult(int index, long tasks, long checksum, String node, String instance) {

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static ChunkResult fromJson(JsonObject json) {
    return json.mapTo(ChunkResult.class);
  }
}
