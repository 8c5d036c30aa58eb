package io.vertxcenter.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's own entry in the registry, and the status commands every node answers: its own status
 * and the whole cluster's. Deployed last, so the node is listed only once every role has started
 * (in state {@code ready}, or {@code degraded} while a role cannot serve). Local
 * consumers let a role report a new instance count, or a new {@link NodeState} (the server:
 * {@code degraded} while it cannot listen), which the registry entry then shows; the server's state
 * when the entry is first put is read from its {@code status}. The entry is put again every
 * {@link #REPUBLISH_MS} ms, so every copy of the registry is whole again within that after a split.
 */
public class NodeVerticle extends VerticleBase {
  /**
   * How often the node puts its entry again, in ms. A node merged back after a split holds a copy
   * of the registry that Hazelcast syncs only every 30 s (README, "How the cluster heals"); a put
   * reaches every copy at once.
   */
  static final long REPUBLISH_MS = 5_000;
  private final NodeRegistry registry;
  private final String clusterName;
  private NodeInfo info;
  private boolean republishing;

  /**
   * @param registry    the cluster's node registry
   * @param clusterName the cluster's name, as {@code cluster status} shows it
   * @param info        the node's registry entry as it starts
   */
  public NodeVerticle(NodeRegistry registry, String clusterName, NodeInfo info) {
    this.registry = registry;
    this.clusterName = clusterName;
    this.info = info;
  }

  @Override
  public Future<?> start() {
    Future<Void> cluster = new CommandRouter("cluster")
        // off the event loop: a replicated map's first read on a new member waits for its copy
        .on("status", args -> vertx.executeBlocking(() -> new JsonObject()
            .put("cluster", clusterName)
            .put("nodes", registry.list().stream().map(NodeInfo::toJson).toList())))
        .register(vertx, Addresses.CLUSTER);
    Future<Void> node = new CommandRouter("node")
        .on("status", args -> Future.succeededFuture(info.toJson()))
        .register(vertx, Addresses.node(info.id()));
    Future<Void> verticles = vertx.eventBus().<JsonObject>localConsumer(Addresses.nodeVerticles(info.id()), message ->
        updateVerticleCount(message.body().getString("verticle"), message.body().getInteger("instances"))
            .onComplete(done -> message.reply(null))).completion();
    Future<Void> state = vertx.eventBus().<JsonObject>localConsumer(Addresses.nodeState(info.id()), message ->
        updateState(NodeState.fromJson(message.body())).onComplete(done -> message.reply(null))).completion();
    return Future.all(cluster, node, verticles, state).compose(v -> serverState()).compose(this::updateState).onSuccess(v ->
        vertx.setPeriodic(REPUBLISH_MS, id -> republish()));
  }

  /** A role changed its instance count at run time ({@code workers scale}): the registry shows the new one. */
  private Future<Void> updateVerticleCount(String verticle, int instances) {
    Map<String, Integer> verticles = new LinkedHashMap<>(info.verticles());
    verticles.put(verticle, instances);
    info = info.withVerticles(verticles);
    return putInRegistry();
  }

  /** A role's state changed ({@code server start}, {@code server stop}, a listen that failed): the registry shows it. */
  private Future<Void> updateState(NodeState state) {
    info = info.withState(state);
    return putInRegistry();
  }

  /**
   * The state the server role is in now (from its {@code status}), ready for a node without one. The
   * server reports changes on {@link Addresses#nodeState}, but while the node starts there is no
   * entry to change yet, so its first state is asked for here.
   */
  private Future<NodeState> serverState() {
    if (!info.roles().contains(Role.SERVER.label())) {
      return Future.succeededFuture(NodeState.ready());
    }
    return vertx.eventBus().<JsonObject>request(Addresses.nodeRole(info.id(), Role.SERVER),
        CommandRouter.command("status", new JsonObject())).map(reply -> NodeState.fromJson(reply.body()));
  }

  /**
   * Puts the entry again, unless the last put still waits (while the member that owns its
   * partition is frozen, a put waits up to Hazelcast's operation timeout): off the event loop and
   * not in line with the status commands, which must answer meanwhile.
   */
  private void republish() {
    if (!republishing) {
      republishing = true;
      vertx.executeBlocking(registry::republishOwnEntry, false).onComplete(done -> republishing = false);
    }
  }

  /** Off the event loop: the first write to the replicated map waits for the cluster. */
  private Future<Void> putInRegistry() {
    NodeInfo entry = info;
    return vertx.executeBlocking(() -> {
      registry.put(entry);
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      registry.remove(info.clusterId());
      return null;
    });
  }
}
