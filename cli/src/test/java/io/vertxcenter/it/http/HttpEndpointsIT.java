package io.vertxcenter.it.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.it.HttpGet;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code /health}, {@code /ready} and {@code /metrics} of a real node JVM ({@code --http-port}):
 * what an orchestrator probes and a Prometheus server scrapes.
 */
class HttpEndpointsIT {
  private static final Duration AWAIT = Duration.ofSeconds(60);
  private final TestCluster cluster = new TestCluster();

  @Test
  @DisplayName("/ready is 503 naming the server while its port is taken, 200 once it listens; /metrics counts 1,000 lines end to end")
  void healthReadinessAndMetrics() throws IOException {
    TestCluster.Node serverMonitor = cluster.node("server", Role.SERVER, Role.MONITOR).withPrint(PrintMode.NONE).withHttp();
    int httpPort = serverMonitor.httpPort();
    int serverPort;
    NodeProcess node;
    try (ServerSocket taken = TestPorts.occupied()) {
      serverPort = taken.getLocalPort();
      node = serverMonitor.withServerPort(serverPort).start();
      node.awaitReady();
      assertEquals(200, HttpGet.get(httpPort, "/health").status(), "a running node is live");
      HttpGet.Response notReady = HttpGet.get(httpPort, "/ready");
      assertEquals(503, notReady.status(), "not ready while the server cannot listen: " + notReady.body());
      JsonObject server = check(new JsonObject(notReady.body()), "server");
      assertEquals("DOWN", server.getString("status"));
      assertTrue(server.getJsonObject("data").getString("reason").contains("cannot listen on 127.0.0.1:" + serverPort),
          "the body says what is not ready: " + notReady.body());
      assertEquals("UP", check(new JsonObject(notReady.body()), "roles").getString("status"));
    }
    try (cluster) {
      // the port is free now: the same 'server start' as the CLI's, sent through the console's command route
      HttpGet.Response started = HttpGet.post(httpPort, "/api/command", "{\"address\":\"center.server\",\"action\":\"start\"}");
      assertEquals(200, started.status(), started.body());
      HttpGet.await(httpPort, "/ready", response -> response.status() == 200, AWAIT);

      String before = HttpGet.get(httpPort, "/metrics").body();
      assertTrue(before.contains("vertx_eventbus_handlers"), "Vert.x's own meters are there:\n" + before);
      double received = HttpGet.sample(before, "vertxcenter_server_lines_received_total");
      double messages = HttpGet.sample(before, "vertxcenter_monitor_messages_total");
      double latencies = HttpGet.sample(before, "vertxcenter_monitor_latency_seconds_count");
      assertTrue(received >= 0 && messages >= 0 && latencies >= 0, "VertxCenter's meters are there:\n" + before);

      try (LineSocket socket = LineSocket.greeted(serverPort)) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
          lines.append(i % 2 == 0 ? "line " + i : "JSON|{\"n\":" + i + "}").append('\n');
        }
        socket.send(lines.toString());
        String after = HttpGet.await(httpPort, "/metrics",
            response -> HttpGet.sample(response.body(), "vertxcenter_monitor_messages_total") >= messages + 1_000, AWAIT).body();
        assertEquals(received + 1_000, HttpGet.sample(after, "vertxcenter_server_lines_received_total"), after);
        assertEquals(messages + 1_000, HttpGet.sample(after, "vertxcenter_monitor_messages_total"), after);
        assertEquals(latencies + 1_000, HttpGet.sample(after, "vertxcenter_monitor_latency_seconds_count"), after);
        assertEquals(0, HttpGet.sample(after, "vertxcenter_monitor_invalid_json_total"), after);
      }
    }
  }

  private static JsonObject check(JsonObject health, String id) {
    JsonArray checks = health.getJsonArray("checks");
    return checks.stream().map(JsonObject.class::cast).filter(check -> id.equals(check.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no check '" + id + "' in " + health.encode()));
  }
}
