package io.vertxcenter.it;

import io.vertxcenter.common.Eventually;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Test support: the registries of a cluster's nodes, each read through its own CLI bridge (a bridge
 * answers {@code cluster status} from its node's copy of the registry), for tests of a cluster laid out
 * as {@code center up} lays it out ({@link TestCluster#TestCluster(int)}, or {@code center up} itself).
 */
public final class MemberListNodes {

  private MemberListNodes() {}

  /** The pids the registry of the node with this CLI bridge lists (a bridge answers cluster status itself). */
  public static Set<Long> registryAt(String bridge) {
    try (ClusterConnection connection = ClusterConnection.open(List.of(bridge), NodeProcess.TOKEN)) {
      return TestCluster.pids(connection.clusterStatus());
    }
  }

  /**
   * Waits until the registry of the node behind each bridge lists exactly these pids.
   *
   * @return how long it took, in ms
   */
  public static long awaitEveryRegistry(List<String> bridges, Set<Long> pids, Duration timeout) {
    long start = System.nanoTime();
    for (String bridge : bridges) {
      Eventually.await("the registry of the node at " + bridge + " listing " + pids, () -> {
        try {
          return registryAt(bridge);
        } catch (CliException e) {
          return Set.of();
        }
      }, pids::equals, timeout.minusNanos(System.nanoTime() - start));
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
