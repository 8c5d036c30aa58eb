package io.vertxcenter.cli;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The nodes that have a role (from the cluster's registry), and a command sent to each of them. */
final class RoleNodes {
  private RoleNodes() {}

  /** What one node answered: its reply, or the error it failed with. */
  record NodeReply(String node, JsonObject body, CliException error) {}

  /** What to tell a user when no node has {@code role}. */
  static String missing(Role role) {
    return "no " + role.label() + " node in the cluster: start one with 'center node --roles " + role.label()
        + "' or 'center up'";
  }

  /**
   * The ids of the nodes with {@code role}, sorted; only {@code nodeId} when it is given.
   *
   * @throws CliException {@link CliException#UNREACHABLE} when no node (or not that one) has the role,
   *     {@code nodeId} shown cut and escaped ({@link CliErrors#shown})
   */
  static List<String> withRole(ClusterConnection connection, Role role, String nodeId) {
    // plain JSON reads, not NodeInfo.fromJson: data binding loads many classes, which a one-shot command waits for
    return withRole(connection.clusterStatus().getJsonArray("nodes").stream().map(JsonObject.class::cast).toList(), role, nodeId);
  }

  /**
   * As {@link #withRole(ClusterConnection, Role, String)}, from the {@code nodes} of a cluster status
   * ({@code id} and {@code roles} each).
   */
  static List<String> withRole(List<JsonObject> nodes, Role role, String nodeId) {
    List<String> withRole = nodes.stream().filter(node -> node.getJsonArray("roles").contains(role.label()))
        .map(node -> node.getString("id")).sorted().toList();
    if (nodeId == null) {
      if (withRole.isEmpty()) {
        throw new CliException(CliException.UNREACHABLE, missing(role));
      }
      return withRole;
    }
    if (withRole.contains(nodeId)) {
      return List.of(nodeId);
    }
    List<String> known = nodes.stream().map(node -> node.getString("id")).sorted().toList();
    if (known.contains(nodeId)) {
      throw new CliException(CliException.UNREACHABLE, "node '" + CliErrors.shown(nodeId) + "' has no " + role.label() + " role; "
          + (withRole.isEmpty() ? missing(role) : role.label() + " nodes: " + String.join(", ", withRole)));
    }
    // exit 3, not 2: the CLI cannot tell a typo from a node that left or has not joined yet, which a script retries
    throw new CliException(CliException.UNREACHABLE, "no node '" + CliErrors.shown(nodeId) + "' in the cluster; known nodes: "
        + (known.isEmpty() ? "none" : String.join(", ", known)));
  }

  /** Sends the command to each node's {@code role} address; a node's failure is its reply, not the end. */
  static List<NodeReply> send(ClusterConnection connection, List<String> nodeIds, Role role, String action,
      JsonObject args, Duration timeout) {
    List<NodeReply> replies = new ArrayList<>();
    for (String nodeId : nodeIds) {
      try {
        JsonObject body = connection.request(Addresses.nodeRole(nodeId, role), action, args, timeout,
            "node " + nodeId + " does not answer " + role.label() + " commands (it may be stopping): check 'center cluster status'");
        replies.add(new NodeReply(nodeId, body, null));
      } catch (CliException e) {
        if (!connection.usable()) {
          throw e;
        }
        replies.add(new NodeReply(nodeId, null, e));
      }
    }
    return replies;
  }
}
