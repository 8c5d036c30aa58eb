package io.vertxcenter.common;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide map of live nodes, keyed by cluster node id. A node puts itself in when it is
 * ready and takes itself out when it stops; when a node dies, every surviving node hears of it
 * from Hazelcast's membership events and removes its entry (no TTL to wait for).
 */
public final class NodeRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);
  static final String MAP_NAME = "center.nodes";

  private final Vertx vertx;

  public NodeRegistry(Vertx vertx) {
    this.vertx = vertx;
  }

  private Future<AsyncMap<String, JsonObject>> map() {
    return vertx.sharedData().getClusterWideMap(MAP_NAME);
  }

  public Future<Void> put(NodeInfo node) {
    return map().compose(map -> map.put(node.clusterId(), node.toJson()));
  }

  public Future<Void> remove(String clusterId) {
    return map().compose(map -> map.remove(clusterId)).mapEmpty();
  }

  /** The live nodes, sorted by id. */
  public Future<List<NodeInfo>> list() {
    return map().compose(AsyncMap::entries).map(entries -> entries.values().stream()
        .map(NodeInfo::fromJson)
        .sorted(Comparator.comparing(NodeInfo::id))
        .toList());
  }

  /** Removes the entry of every member that leaves or dies. */
  public void removeDepartedMembers(HazelcastInstance hazelcast) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {}

      @Override
      public void memberRemoved(MembershipEvent event) {
        String clusterId = event.getMember().getUuid().toString();
        vertx.runOnContext(v -> remove(clusterId).onFailure(error ->
            LOG.warn("could not remove departed node {} from the registry: {}", clusterId, error.getMessage())));
      }
    });
  }
}
