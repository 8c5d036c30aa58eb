package io.vertxcenter.it;

import io.vertxcenter.common.Role;
import io.vertxcenter.monitor.PrintMode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Test support: the base of an integration test that feeds the server node of a {@link TestCluster}
 * (node {@code server}, with the CLI bridge) over plain sockets and reads what one monitor node,
 * printing every message, shows. Both nodes start once for the test class and stop after it.
 */
public abstract class ServerAndMonitorCluster {
  /** How long a line may take from a socket to the monitor's output or counts. */
  public static final Duration DELIVERY = Duration.ofSeconds(60);
  public static TestCluster nodes;
  public static NodeProcess monitor;

  @BeforeAll
  public static void startCluster() {
    nodes = TestCluster.withServer();
    monitor = nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL).start().awaitReady();
  }

  @AfterAll
  public static void stopCluster() {
    nodes.close();
  }
}
