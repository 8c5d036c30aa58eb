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
 * @param state      {@code ready} once every consumer is registered and every port bound; {@code degraded}
 *                   while a role cannot serve (the server's port is taken), {@code idle} while its server
 *                   was stopped on purpose ({@link NodeState})
 * @param reason     why the node is not {@code ready} and what to do, one line; null when ready
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
    String reason,
    Map<String, Integer> verticles,
    String bridge,
    String http) {

  /** An entry without a reason: a ready node. */
  public NodeInfo(String id, String clusterId, List<String> roles, String host, long pid, long startedAt, String state,
                  Map<String, Integer> verticles, String bridge, String http) {
    this(id, clusterId, roles, host, pid, startedAt, state, null, verticles, bridge, http);
  }

  /** This entry with {@code state} and its reason. */
  public NodeInfo withState(NodeState now) {
    return new NodeInfo(id, clusterId, roles, host, pid, startedAt, now.state(), now.reason(), verticles, bridge, http);
  }

  /** This entry with other verticle counts. */
  public NodeInfo withVerticles(Map<String, Integer> counts) {
    return new NodeInfo(id, clusterId, roles, host, pid, startedAt, state, reason, counts, bridge, http);
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static NodeInfo fromJson(JsonObject json) {
    return json.mapTo(NodeInfo.class);
  }
}
