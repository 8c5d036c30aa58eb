package io.vertxcenter.node.bridge;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.LongAdder;

/** What a node's CLI bridge has seen since it started; every count only grows. */
public final class BridgeStats {
  final LongAdder connections = new LongAdder();
  final LongAdder refusedConnections = new LongAdder();
  final LongAdder frames = new LongAdder();
  final LongAdder accessDenied = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder oversized = new LongAdder();
  final LongAdder badBodies = new LongAdder();
  final LongAdder droppedMessages = new LongAdder();
  final LongAdder sendsWithoutReply = new LongAdder();
  final LongAdder publishRefused = new LongAdder();

  /**
   * {@code {connections, refusedConnections, frames, accessDenied, malformed, oversized,
   * badBodies, droppedMessages, sendsWithoutReply, publishRefused}}: connections accepted and refused
   * (over the limit); frames handled; frames refused for a missing or wrong token; frames that broke
   * the protocol; frames announced longer than the limit; command bodies that were not JSON objects;
   * messages a slow listener never got (oldest dropped); sends without a reply address whose reply
   * came back (and was dropped); publish frames refused.
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("connections", connections.sum())
        .put("refusedConnections", refusedConnections.sum())
        .put("frames", frames.sum())
        .put("accessDenied", accessDenied.sum())
        .put("malformed", malformed.sum())
        .put("oversized", oversized.sum())
        .put("badBodies", badBodies.sum())
        .put("droppedMessages", droppedMessages.sum())
        .put("sendsWithoutReply", sendsWithoutReply.sum())
        .put("publishRefused", publishRefused.sum());
  }
}
