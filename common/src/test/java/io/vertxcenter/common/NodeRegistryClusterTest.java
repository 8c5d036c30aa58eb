package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two real Hazelcast members on loopback, in this JVM, under a random cluster name. */
class NodeRegistryClusterTest {
  private final String clusterName = "test-" + UUID.randomUUID();
  private final int seedPort = TestPorts.free();
  private Vertx first;
  private Vertx second;

  @AfterEach
  void close() throws Exception {
    for (Vertx vertx : new Vertx[] {second, first}) {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @DisplayName("every member sees every node; a member that dies is gone from the registry")
  void registryFollowsMembership() throws Exception {
    HazelcastClusterManager firstManager = manager();
    first = start(firstManager);
    HazelcastClusterManager secondManager = manager();
    second = start(secondManager);
    NodeRegistry firstRegistry = new NodeRegistry(firstManager.getHazelcastInstance());
    NodeRegistry secondRegistry = new NodeRegistry(secondManager.getHazelcastInstance());
    firstRegistry.removeDepartedMembers();

    NodeInfo server = info("server-aaaaaa", firstManager.getNodeId(), "server");
    NodeInfo worker = info("worker-bbbbbb", secondManager.getNodeId(), "worker");
    firstRegistry.put(server);
    secondRegistry.put(worker);
    awaitEquals(List.of(server, worker), firstRegistry::list);
    awaitEquals(List.of(server, worker), secondRegistry::list);

    secondManager.getHazelcastInstance().getLifecycleService().terminate();
    second = null;
    awaitEquals(List.of(server), firstRegistry::list);
  }

  private HazelcastClusterManager manager() {
    return new HazelcastClusterManager(
        new ClusterSettings(clusterName, List.of("127.0.0.1:" + seedPort), "127.0.0.1", null, seedPort).hazelcastConfig(ClusterIdentity.NAME_ONLY));
  }

  private static Vertx start(HazelcastClusterManager manager) throws Exception {
    return Vertx.builder().withClusterManager(manager).buildClustered()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static NodeInfo info(String id, String clusterId, String role) {
    return new NodeInfo(id, clusterId, List.of(role), "127.0.0.1", 1, 0, "ready", Map.of(role, 1), null, null);
  }

  private static <T> void awaitEquals(T expected, Supplier<T> actual) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    T last = actual.get();
    while (!expected.equals(last) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000);
      last = actual.get();
    }
    assertEquals(expected, last);
  }
}
