package io.vertxcenter.node;

import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertxcenter.common.ClusterIdentity;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.TestPorts;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A clustered Vert.x on one real Hazelcast member, alone in a cluster of its own (a fresh name, a
 * free port), and the node registry on it: what a node's own parts run on, for a test.
 *
 * @param manager  the member's cluster manager
 * @param vertx    the clustered Vert.x
 * @param registry the node registry on the member
 */
record OneMember(HazelcastClusterManager manager, Vertx vertx, NodeRegistry registry) implements AutoCloseable {

  /** Joins a cluster of its own; fails after 60 s. */
  static OneMember start() throws Exception {
    int port = TestPorts.free();
    return start(new ClusterSettings("test-" + UUID.randomUUID(), List.of("127.0.0.1:" + port), "127.0.0.1", null, port));
  }

  /** Another member, joining this one's cluster; fails after 60 s. */
  OneMember joining() throws Exception {
    String name = manager.getHazelcastInstance().getConfig().getClusterName();
    int seed = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress().getPort();
    return start(new ClusterSettings(name, List.of("127.0.0.1:" + seed), "127.0.0.1", null, TestPorts.free()));
  }

  private static OneMember start(ClusterSettings settings) throws Exception {
    HazelcastClusterManager manager = new HazelcastClusterManager(settings.hazelcastConfig(ClusterIdentity.NAME_ONLY));
    Vertx vertx = Vertx.builder().withClusterManager(manager).buildClustered().await(60, TimeUnit.SECONDS);
    return new OneMember(manager, vertx, new NodeRegistry(manager.getHazelcastInstance()));
  }

  /** Leaves the cluster; fails after 30 s. */
  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
