package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client verticle as a load generator, in its own JVM, feeding the server and monitor nodes. */
class DataPathClientIT {
  private static final long COUNT = 20_000;

  @Test
  @DisplayName("client start sends exactly count lines with the asked JSON share, refuses a second start and bad options")
  void sendsCountLines() {
    try (TestCluster nodes = TestCluster.withServer()) {
      nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.SUMMARY).start();
      nodes.node("client", Role.CLIENT).start().awaitReady();
      nodes.awaitNodes(3, Duration.ofSeconds(60));

      CliException bad = assertThrows(CliException.class, () -> nodes.request(Role.CLIENT, "start", new JsonObject().put("jsonShare", 2)));
      assertEquals(CliException.USAGE, bad.exitCode());
      assertTrue(bad.getMessage().contains("jsonShare must be a number from 0 to 1"), bad.getMessage());

      JsonObject started = nodes.request(Role.CLIENT, "start", new JsonObject().put("port", nodes.serverPort()).put("connections", 3)
          .put("rate", 0).put("count", COUNT).put("jsonShare", 0.25).put("size", 100));
      assertTrue(started.getBoolean("running"), started.encode());
      CliException again = assertThrows(CliException.class, () -> nodes.request(Role.CLIENT, "start", new JsonObject()));
      assertTrue(again.getMessage().contains("already running"), again.getMessage());

      JsonObject finished = TestCluster.await("client run finished", () -> nodes.request(Role.CLIENT, "status", new JsonObject()),
          status -> !status.getBoolean("running"), Duration.ofSeconds(90));
      assertEquals(COUNT, finished.getLong("sent"), finished.encode());
      assertEquals(0, finished.getLong("errors"), finished.encode());
      JsonObject monitor = TestCluster.await("monitor has every line", nodes::monitorStatus,
          status -> status.getLong("messages") >= COUNT, Duration.ofSeconds(90));
      assertEquals(COUNT, monitor.getLong("messages"), monitor.encode());
      assertEquals(COUNT / 4, monitor.getLong("json"), monitor.encode());
      assertEquals(0, monitor.getLong("invalidJson"), monitor.encode());
      // The client's connections share one count, so one that connects after the others have sent
      // everything sends nothing: the lines came on one to three connections.
      int connections = monitor.getInteger("connections");
      assertTrue(connections >= 1 && connections <= 3, monitor.encode());
    }
  }
}
