package io.vertxcenter.worker;

import io.vertx.core.json.JsonObject;

/**
 * A range of task inputs {@code from .. to-1}, the unit of work sent to a worker.
 *
 * @param index position of the chunk in its run, so that a result is counted once
 */
public record Chunk(int index, long from, long to) {

  public long tasks() {
    return to - from;
  }

  public JsonObject toJson() {
    return new JsonObject().put("index", index).put("from", from).put("to", to);
  }

  public static Chunk fromJson(JsonObject json) {
    return new Chunk(json.getInteger("index"), json.getLong("from"), json.getLong("to"));
  }
}
