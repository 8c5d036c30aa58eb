package io.vertxcenter.common;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One node's entry in the node registry.
 *
 * @param id         short, readable id used by the CLI and in addresses ({@code worker-3fa2b1})
 * @param clusterId  the cluster manager's node id (Hazelcast member UUID)
 * @param roles      role labels ({@code server}, {@code worker}, …)
 * @param host       the address the node's cluster traffic uses
 * @param pid        the operating-system process id
 * @param startedAt  when the JVM started, epoch milliseconds
 * @param state      {@code ready} once every consumer is registered and every port bound
 * @param verticles  deployed verticle names with their instance counts
 * @param bridge     {@code host:port} of the CLI bridge this node serves, or null
 * @param http       {@code host:port} of this node's HTTP endpoints and console, or null
 */
public record NodeInfo(
    String id,
    String clusterId,
    List<String> roles,
    String host,
    long pid,
    long startedAt,
    String state,
    Map<String, Integer> verticles,
    String bridge,
    String http) {

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static NodeInfo fromJson(JsonObject json) {
    return json.mapTo(NodeInfo.class);
  }
}
