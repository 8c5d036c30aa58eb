package io.vertxcenter.common;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide map of live nodes, keyed by Vert.x node id. A node puts itself in when it is
 * ready and takes itself out when it stops; when a node dies, every survivor hears of it from
 * Hazelcast's membership events and removes its entry (no TTL to wait for).
 *
 * <p>It is a Hazelcast replicated map, not a partitioned one: every node holds a full copy, so a
 * read never waits. A partitioned map (Vert.x's AsyncMap) blocks reads while the partitions of a
 * killed node are recovered (README, Measurements). Listing also keeps only current members, so a
 * dead node is gone from the list as soon as Hazelcast removes it from the cluster.
 *
 * <p>A node that was cut off and merged back (see {@code hazelcast.merge.*} in
 * {@link ClusterSettings}) may find that the other side removed its entry meanwhile:
 * {@link #republishOwnEntry()} puts it back. Its own copy may lack the others' entries until
 * Hazelcast syncs it (every 30 s): every node puts its entry again every few seconds after a member
 * joined or it merged back ({@link #onMembersJoined}, {@code NodeVerticle}), so every copy is whole
 * again within that.
 */
public final class NodeRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);
  /** The name of the replicated map that holds the registry. */
  public static final String MAP_NAME = "center.nodes";
  /** Vert.x keeps its node id in this member attribute; it is not the Hazelcast member UUID. */
  private static final String VERTX_NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final HazelcastInstance hazelcast;
  private final ReplicatedMap<String, String> nodes;
  /** The entry this node put, until it takes it out. */
  private volatile NodeInfo own;

  public NodeRegistry(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.nodes = hazelcast.getReplicatedMap(MAP_NAME);
  }

  /** Puts (or replaces) this node's own entry. Blocks until the map has it: call it off the event loop. */
  public void put(NodeInfo node) {
    own = node;
    nodes.put(node.clusterId(), node.toJson().encode());
  }

  /** Takes this node's own entry out. Blocks: call it off the event loop. */
  public void remove(String clusterId) {
    own = null;
    nodes.remove(clusterId);
  }

  /**
   * Puts this node's entry again, so that every member's copy holds it: a member that just joined
   * or merged back, and the other side of a split, which removed it. Blocks (up to Hazelcast's
   * operation timeout while the member that owns the entry's partition is frozen): call it off the
   * event loop, and not in line with anything that must answer soon.
   *
   * @return true when the entry was put, false when this node has none (not ready yet, or stopping)
   */
  public boolean republishOwnEntry() {
    NodeInfo entry = own;
    if (entry == null) {
      return false;
    }
    while (true) {
      nodes.put(entry.clusterId(), entry.toJson().encode());
      // a put or remove meanwhile (a 'workers scale', a stop) may have landed before this put:
      // write what holds now, so the map never keeps an entry older than the node's last
      NodeInfo now = own;
      if (now == entry) {
        return true;
      }
      if (now == null) {
        nodes.remove(entry.clusterId());
        return true;
      }
      entry = now;
    }
  }

  /** The live nodes, sorted by id. */
  public List<NodeInfo> list() {
    Set<String> members = hazelcast.getCluster().getMembers().stream()
        .map(member -> member.getAttribute(VERTX_NODE_ID_ATTRIBUTE))
        .collect(Collectors.toSet());
    return nodes.entrySet().stream()
        .filter(entry -> members.contains(entry.getKey()))
        .map(entry -> NodeInfo.fromJson(new JsonObject(entry.getValue())))
        .sorted(Comparator.comparing(NodeInfo::id))
        .toList();
  }

  /**
   * Calls {@code joined} (on a Hazelcast thread: hand it over) when a member joins the cluster, and
   * when this member merged back after a split ({@code MERGED}): then copies of the registry may
   * lack entries until they are put again.
   *
   * @return takes the listeners out again
   */
  public Runnable onMembersJoined(Runnable joined) {
    UUID membership = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        joined.run();
      }

      @Override
      public void memberRemoved(MembershipEvent event) {}
    });
    UUID lifecycle = hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        joined.run();
      }
    });
    return () -> {
      hazelcast.getCluster().removeMembershipListener(membership);
      hazelcast.getLifecycleService().removeLifecycleListener(lifecycle);
    };
  }

  /** Removes the entry of every member that leaves or dies, and says so in the log. */
  public void removeDepartedMembers() {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {}

      @Override
      public void memberRemoved(MembershipEvent event) {
        Member member = event.getMember();
        String clusterId = member.getAttribute(VERTX_NODE_ID_ATTRIBUTE);
        String entry = clusterId == null ? null : nodes.remove(clusterId);
        if (entry != null) {
          LOG.info("node {} left the cluster", NodeInfo.fromJson(new JsonObject(entry)).id());
        }
      }
    });
  }
}
