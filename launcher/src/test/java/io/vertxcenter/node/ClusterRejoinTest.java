package io.vertxcenter.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a node does once Hazelcast has merged it back after a split, on one real Hazelcast member
 * whose lifecycle events the test plays.
 */
class ClusterRejoinTest {
  private static final String OWN_ADDRESS = "center.node.test-rejoin";

  private OneMember member;
  private HazelcastClusterManager manager;
  private Vertx vertx;
  private NodeRegistry registry;
  private GracefulShutdown shutdown;

  @BeforeEach
  void startNode() throws Exception {
    member = OneMember.start();
    manager = member.manager();
    vertx = member.vertx();
    registry = member.registry();
    shutdown = new GracefulShutdown(vertx);
  }

  @AfterEach
  void closeNode() throws Exception {
    member.close();
  }

  @Test
  @DisplayName("after MERGED, a node whose entry the other side removed puts it back, and goes on")
  void putsItsEntryBack() throws Exception {
    vertx.eventBus().consumer(OWN_ADDRESS, message -> { }).completion()
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    NodeInfo own = new NodeInfo("server-aaaaaa", manager.getNodeId(), List.of("server"), "127.0.0.1", 1, 0, "ready",
        Map.of("server", 1), null, null);
    registry.put(own);
    manager.getHazelcastInstance().getReplicatedMap(NodeRegistry.MAP_NAME).remove(own.clusterId());
    assertEquals(List.of(), registry.list(), "removed, as the other side of a split does");

    rejoin(Duration.ofSeconds(30), Duration.ofSeconds(30));
    Eventually.await("the entry back", registry::list, List.of(own)::equals, Duration.ofSeconds(20));
  }

  @Test
  @DisplayName("after MERGED, a node whose consumers are not listed again stops with status 75, for its supervisor to start it anew")
  void givesUpWhenItsConsumersAreNotBack() throws Exception {
    rejoin(Duration.ofSeconds(30), Duration.ofSeconds(1));
    assertEquals(ClusterRejoin.EXIT_CANNOT_REJOIN, exitStatus());
  }

  @Test
  @DisplayName("MERGING not followed by MERGED in time stops the node with status 75")
  void givesUpWhenTheMergeHangs() throws Exception {
    ClusterRejoin rejoin = new ClusterRejoin(vertx, manager, registry, OWN_ADDRESS, shutdown, Duration.ofSeconds(1),
        Duration.ofSeconds(30));
    rejoin.install();
    rejoin.stateChanged(new LifecycleEvent(LifecycleState.MERGING));
    assertEquals(ClusterRejoin.EXIT_CANNOT_REJOIN, exitStatus());
  }

  /** A rejoin handler that has already been told MERGING then MERGED (the usual pair). */
  private ClusterRejoin rejoin(Duration mergeTimeout, Duration restoreTimeout) {
    ClusterRejoin rejoin = new ClusterRejoin(vertx, manager, registry, OWN_ADDRESS, shutdown, mergeTimeout, restoreTimeout);
    rejoin.install();
    rejoin.stateChanged(new LifecycleEvent(LifecycleState.MERGING));
    rejoin.stateChanged(new LifecycleEvent(LifecycleState.MERGED));
    return rejoin;
  }

  private int exitStatus() throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return shutdown.awaitStop();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }).get(30, TimeUnit.SECONDS);
  }
}
