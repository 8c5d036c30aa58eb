package io.vertxcenter.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's own entry in the registry, and the status commands every node answers: its own status
 * and the whole cluster's. Deployed last, so the node is listed only once every role has started
 * (in state {@code ready}, or {@code degraded} while a role cannot serve). Local
 * consumers let a role report a new instance count, or a new {@link NodeState} (the server:
 * {@code degraded} while it cannot listen; the client: {@code degraded} while it cannot reach its
 * server), which the registry entry then shows, combined over the roles ({@link NodeState#of}); the
 * roles' states when the entry is first put are read from their {@code status}. The entry is put again every
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
  /** The last state each role that has one reported, by role label. */
  private final Map<String, NodeState> roleStates = new LinkedHashMap<>();
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
        updateState(message.body().getString("role"), NodeState.fromJson(message.body()))
            .onComplete(done -> message.reply(null))).completion();
    return Future.all(cluster, node, verticles, state).compose(v -> roleStates()).onSuccess(v ->
        vertx.setPeriodic(REPUBLISH_MS, id -> republish()));
  }

  /** A role changed its instance count at run time ({@code workers scale}): the registry shows the new one. */
  private Future<Void> updateVerticleCount(String verticle, int instances) {
    Map<String, Integer> verticles = new LinkedHashMap<>(info.verticles());
    verticles.put(verticle, instances);
    info = info.withVerticles(verticles);
    return putInRegistry();
  }

  /**
   * A role's state changed ({@code server start}, {@code server stop}, a listen that failed, a client
   * that cannot reach its server): the registry shows the node's state over all its roles.
   */
  private Future<Void> updateState(String role, NodeState state) {
    roleStates.put(role, state);
    info = info.withState(NodeState.of(roleStates.values()));
    return putInRegistry();
  }

  /**
   * Reads the state each role of the node is in now (the {@code state} and {@code reason} of its
   * {@code status}; a role whose status has no {@code state}, the monitor's say, has none) and puts
   * the entry with it. Roles report changes on {@link Addresses#nodeState}, but while the node starts
   * there is no entry to change yet, so their first states are asked for here.
   */
  private Future<Void> roleStates() {
    List<Future<Void>> asked = new ArrayList<>();
    for (String label : info.roles()) {
      Role.find(label).ifPresent(role -> asked.add(vertx.eventBus().<JsonObject>request(Addresses.nodeRole(info.id(), role),
              CommandRouter.command("status", new JsonObject()))
          .map(reply -> {
            if (reply.body().containsKey("state")) {
              roleStates.putIfAbsent(label, NodeState.fromJson(reply.body()));
            }
            return null;
          })));
    }
    return Future.all(asked).compose(v -> {
      info = info.withState(NodeState.of(roleStates.values()));
      return putInRegistry();
    });
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
