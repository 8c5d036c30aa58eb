package io.vertxcenter.it;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Test support: the base of an integration test that feeds the server node of a {@link DataPathNodes}
 * cluster over plain sockets and reads what one monitor node, printing every message, shows. Both
 * nodes start once for the test class and stop after it.
 */
abstract class ServerAndMonitorCluster {
  /** How long a line may take from a socket to the monitor's output or counts. */
  static final Duration DELIVERY = Duration.ofSeconds(60);
  static DataPathNodes nodes;
  static NodeProcess monitor;

  @BeforeAll
  static void startCluster() {
    nodes = new DataPathNodes();
    monitor = nodes.startMonitor("all").awaitReady();
  }

  @AfterAll
  static void stopCluster() {
    nodes.close();
  }
}
