package io.vertxcenter.node.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleReplies;

/**
 * The checks behind {@code GET /ready}: the node has joined the cluster, every role answers its
 * commands (so its verticle is deployed), the node is in the registry, and a server role is
 * listening. Each failing check says in its {@code data.reason} what is missing; the server's is the
 * reason its node's registry entry gives for being {@code degraded} or {@code idle}: the roles'
 * replies are asked with {@link RoleReplies}, as the node's own verticle asks them for its entry.
 */
final class NodeReadiness {
  private final Vertx vertx;
  private final HttpNode node;
  private final ClusterManager cluster;
  private final NodeRegistry registry;
  /** The roles' replies: the "roles" and "server" checks of one request share one question. */
  private final RoleReplies.OneAtATime roleQuestions;

  NodeReadiness(Vertx vertx, HttpNode node, ClusterManager cluster, NodeRegistry registry) {
    this.vertx = vertx;
    this.node = node;
    this.cluster = cluster;
    this.registry = registry;
    this.roleQuestions = new RoleReplies.OneAtATime(vertx, node.nodeId(), node.roles(), RoleStatus.TIMEOUT_MS);
  }

  /** The readiness checks, each with a deadline of {@link RoleStatus#TIMEOUT_MS} plus a margin. */
  HealthChecks checks() {
    long timeout = RoleStatus.TIMEOUT_MS + 1_000;
    HealthChecks checks = HealthChecks.create(vertx)
        .register("cluster", timeout, this::joined)
        .register("roles", timeout, this::rolesAnswer)
        .register("registry", timeout, this::inRegistry);
    if (node.roles().contains(Role.SERVER)) {
      checks.register("server", timeout, this::serverListening);
    }
    return checks;
  }

  private void joined(Promise<Status> result) {
    boolean member = cluster.isActive() && cluster.getNodes().contains(cluster.getNodeId());
    result.complete(member ? Status.OK() : ko("the node is not a member of the cluster: check the cluster name and the"
        + " members' addresses (--cluster-*), and that the other nodes are up"));
  }

  private void rolesAnswer(Promise<Status> result) {
    roleQuestions.ask().onSuccess(replies -> {
      JsonArray silent = new JsonArray(replies.silent().stream().map(Role::label).toList());
      // UP with the node's state and reason, as its registry entry gives them (ready, degraded or idle)
      result.complete(silent.isEmpty() ? Status.OK(replies.state().toJson()) : Status.KO(new JsonObject().put("notAnswering", silent)
          .put("reason", "role(s) " + silent.encode() + " not deployed yet, or not answering: the node may still be starting")));
    });
  }

  /** Off the event loop: the registry's first read on a new member waits for its copy. */
  private void inRegistry(Promise<Status> result) {
    vertx.executeBlocking(() -> registry.list().stream().anyMatch(entry -> entry.clusterId().equals(node.clusterId())))
        .onComplete(listed -> result.complete(listed.succeeded() && listed.result() ? Status.OK()
            : ko("the node is not in the registry yet: it is listed once every role has started")));
  }

  private void serverListening(Promise<Status> result) {
    roleQuestions.ask().onSuccess(replies -> {
      JsonObject server = replies.replies().get(Role.SERVER);
      if (server == null) {
        result.complete(ko("the server role does not answer: the node may still be starting"));
      } else if (!server.getBoolean("listening", false)) {
        // the same reason as the node's registry entry (state degraded or idle), which the server role owns
        result.complete(ko(server.getString("reason", "the server is not listening on " + server.getString("host") + ":"
            + server.getInteger("port") + ": see the node's log for why, then 'center server start'")));
      } else {
        result.complete(Status.OK());
      }
    });
  }

  private static Status ko(String reason) {
    return Status.KO(new JsonObject().put("reason", reason));
  }
}
