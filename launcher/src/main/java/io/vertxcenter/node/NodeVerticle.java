package io.vertxcenter.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleReplies;
import io.vertxcenter.common.RoleState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's own verticle: its entry in the registry, and the status commands every node answers,
 * its own status and the whole cluster's. {@link Node#run} deploys it before the roles, so it
 * answers while they start, and lists the node ({@link #list()}) once every role has started.
 *
 * <p>The entry's {@code state} and {@code reason} belong to the roles: each keeps its own and gives
 * it in its {@code status} reply. Nobody sends them here; this verticle asks the roles when it needs
 * to know ({@link RoleReplies}, the same answer {@code /ready} reads): on {@code node status} and
 * {@code cluster status}, so the node asked shows its roles' state of that moment, and when a role
 * says its state changed ({@link RoleState}: a message without the state), putting the entry again
 * only when the node's state changed, so every node's {@code cluster status} shows a role's change
 * at once. A role that does not answer leaves the entry's state as it was, and is asked again. A new
 * instance count ({@code workers scale}) comes on a local address.
 *
 * <p>The entry is also put again, so every copy of the registry is whole again after a split: every
 * {@link #REPUBLISH_MS} ms for {@link #HEAL_WINDOW_MS} ms after the node is listed, after a member
 * joins and after this node merged back ({@link NodeRegistry#onMembersJoined}), and every
 * {@link #SAFETY_REPUBLISH_MS} ms otherwise. An idle node in a steady cluster wakes for nothing else.
 */
public class NodeVerticle extends VerticleBase {
  /**
   * How often the node puts its entry again while the cluster heals, in ms. A node merged back after
   * a split holds a copy of the registry that Hazelcast syncs only every 30 s (docs/cluster.md, "How
   * the cluster heals"); a put reaches every copy at once.
   */
  static final long REPUBLISH_MS = 5_000;
  /**
   * How long the cluster heals after a member joined or this node merged back, in ms: Hazelcast's
   * own sync of the replicated map (every 30 s) has made every copy whole by then.
   */
  static final long HEAL_WINDOW_MS = 30_000;
  /**
   * How often the node puts its entry again outside a heal window, in ms: what no membership event
   * announced (a put that failed, a copy that missed one) is whole again within that.
   */
  static final long SAFETY_REPUBLISH_MS = 30_000;
  /** How long a role has to answer, in ms; one that does not leaves the entry's state as it was. */
  static final long ASK_TIMEOUT_MS = 2_000;

  private final NodeRegistry registry;
  private final long healWindowMs;
  private final String clusterName;
  private final List<Role> roles;
  private NodeInfo info;
  /** Whether the entry is in the registry: from {@link #list()} until the verticle stops. */
  private boolean listed;
  /** The roles' replies: one question at a time, shared by whoever asks meanwhile. */
  private RoleReplies.OneAtATime roleQuestions;
  /** A role said its state changed while a question was out (its answer may be older): ask again once it is back. */
  private boolean askAgain;
  private boolean republishing;
  /** Until when (System.nanoTime()) the entry is put every {@link #REPUBLISH_MS}: a member joined or the node merged back. */
  private long healUntil;
  private long republishTimer = -1;
  /** Takes the membership listeners out, once listed. */
  private Runnable stopListening = () -> { };

  /**
   * @param registry    the cluster's node registry
   * @param clusterName the cluster's name, as {@code cluster status} shows it
   * @param info        the node's registry entry as it starts; its roles are the ones asked
   */
  public NodeVerticle(NodeRegistry registry, String clusterName, NodeInfo info) {
    this(registry, clusterName, info, HEAL_WINDOW_MS);
  }

  /**
   * @param healWindowMs how long the entry is put every {@link #REPUBLISH_MS} after the list or a join,
   *                     in ms ({@link #HEAL_WINDOW_MS}; a test gives 0 to see a join's own put)
   */
  NodeVerticle(NodeRegistry registry, String clusterName, NodeInfo info, long healWindowMs) {
    this.healWindowMs = healWindowMs;
    this.registry = registry;
    this.clusterName = clusterName;
    this.info = info;
    this.roles = info.roles().stream().map(Role::find).flatMap(Optional::stream).toList();
  }

  @Override
  public Future<?> start() {
    roleQuestions = new RoleReplies.OneAtATime(vertx, info.id(), roles, ASK_TIMEOUT_MS);
    Future<Void> cluster = new CommandRouter("cluster")
        // off the event loop: a replicated map's first read on a new member waits for its copy
        .on("status", args -> current().compose(own -> vertx.executeBlocking(() -> new JsonObject()
            .put("cluster", clusterName)
            .put("nodes", registry.list().stream().map(NodeInfo::toJson).toList()))))
        .register(vertx, Addresses.CLUSTER);
    Future<Void> node = new CommandRouter("node")
        .on("status", args -> current().map(NodeInfo::toJson))
        .register(vertx, Addresses.node(info.id()));
    Future<Void> verticles = vertx.eventBus().<JsonObject>localConsumer(Addresses.nodeVerticles(info.id()), message ->
        updateVerticleCount(message.body().getString("verticle"), message.body().getInteger("instances"))
            .onComplete(done -> message.reply(null))).completion();
    Future<Void> changes = RoleState.onChange(vertx, info.id(), this::roleChanged).completion();
    return Future.all(cluster, node, verticles, changes);
  }

  /**
   * Lists the node: asks its roles for their state, puts the entry with it, then keeps it current
   * (when a role says its state changed) and puts it again (see the class comment). Call it once,
   * when every role has started; before that the node is not in the registry.
   *
   * @return completes once the entry is in the registry; fails when it cannot be put
   */
  public Future<Void> list() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> current().compose(now -> {
      listed = true;
      stopListening = registry.onMembersJoined(() -> context.runOnContext(joined -> {
        republish();
        heal();
      }));
      heal();
      return putInRegistry();
    }).onComplete(done));
    return done.future();
  }

  /**
   * The entry with the state the roles give now. When listed and the state changed, its put is
   * queued before this completes: a registry read queued after it ({@code cluster status}) sees it.
   */
  private Future<NodeInfo> current() {
    boolean fresh = !roleQuestions.asking();
    Future<RoleReplies> question = roleQuestions.ask();
    if (fresh) {
      question.onComplete(done -> {
        // a change told meanwhile, or a role that did not answer (after ASK_TIMEOUT_MS: no busy loop)
        if (askAgain || (listed && !done.result().complete())) {
          askAgain = false;
          current();
        }
      });
    }
    return question.map(this::update);
  }

  /** A role said its state or reason changed: asks the roles, again if a question is out already. */
  private void roleChanged() {
    if (roleQuestions.asking()) {
      askAgain = true;
    } else {
      current();
    }
  }

  /**
   * Takes the node's state from its roles' replies. A role that did not answer (stuck, or not
   * deployed yet) leaves the state as it was: a silent role says nothing about its state.
   */
  private NodeInfo update(RoleReplies replies) {
    NodeState now = replies.state();
    if (replies.complete() && !now.equals(new NodeState(info.state(), info.reason()))) {
      info = info.withState(now);
      if (listed) {
        putInRegistry(); // a put that fails is tried again by the next republish, which puts the last entry given
      }
    }
    return info;
  }

  /** A role changed its instance count at run time ({@code workers scale}): the registry shows the new one. */
  private Future<Void> updateVerticleCount(String verticle, int instances) {
    Map<String, Integer> verticles = new LinkedHashMap<>(info.verticles());
    verticles.put(verticle, instances);
    info = info.withVerticles(verticles);
    return listed ? putInRegistry() : Future.succeededFuture();
  }

  /**
   * The node was listed, a member joined, or this node merged back (each puts the entry at once):
   * puts it again every {@link #REPUBLISH_MS} for the next {@link #HEAL_WINDOW_MS}, for the copies
   * that the first put reached before the merge made them over.
   */
  private void heal() {
    if (!listed) {
      return;
    }
    healUntil = System.nanoTime() + healWindowMs * 1_000_000;
    vertx.cancelTimer(republishTimer);
    scheduleRepublish();
  }

  /** The next put: in {@link #REPUBLISH_MS} within a heal window, else in {@link #SAFETY_REPUBLISH_MS}. */
  private void scheduleRepublish() {
    long delay = System.nanoTime() - healUntil < 0 ? REPUBLISH_MS : SAFETY_REPUBLISH_MS;
    republishTimer = vertx.setTimer(delay, id -> {
      republish();
      scheduleRepublish();
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

  /**
   * Off the event loop (the first write to the replicated map waits for the cluster), in order with
   * the other puts, the reads of {@code cluster status} and the removal.
   */
  private Future<Void> putInRegistry() {
    NodeInfo entry = info;
    return vertx.executeBlocking(() -> {
      registry.put(entry);
      return null;
    });
  }

  /** Takes the entry out; a put asked for before this lands first (in order), none after it. */
  @Override
  public Future<?> stop() {
    listed = false;
    vertx.cancelTimer(republishTimer);
    stopListening.run();
    return vertx.executeBlocking(() -> {
      registry.remove(info.clusterId());
      return null;
    });
  }
}
