package io.vertxcenter.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.connect.BridgeClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge's listeners in one JVM: a second register costs nothing, a slow reader costs a bounded queue. */
@ExtendWith(VertxExtension.class)
class BridgeServerTest {
  private static final ClusterToken TOKEN = ClusterToken.of("unit-test-token-" + "0123456789abcdef");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final BridgeStats stats = new BridgeStats();
  private int port;

  @BeforeEach
  void listen(Vertx vertx) throws Exception {
    port = new BridgeServer(vertx, TOKEN, BridgeLimits.DEFAULT, stats).listen("127.0.0.1", 0)
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).actualPort();
  }

  @Test
  @DisplayName("registering the tap twice on one connection delivers each message once")
  void registerTwice(Vertx vertx) throws Exception {
    try (BridgeClient client = BridgeClient.connect("127.0.0.1", port, WAIT, TOKEN.value())) {
      client.register(Addresses.TAP);
      client.register(Addresses.TAP);
      // a request answered means both registers before it were handled
      client.request(Addresses.CLUSTER, new JsonObject(), Duration.ofSeconds(1), true);
      vertx.eventBus().publish(Addresses.TAP, new JsonObject().put("n", 1));
      vertx.eventBus().publish(Addresses.TAP, new JsonObject().put("n", 2));
      assertEquals(1, client.nextMessage(WAIT).getJsonObject("body").getInteger("n"));
      assertEquals(2, client.nextMessage(WAIT).getJsonObject("body").getInteger("n"), "the first message came twice");
    }
  }

  @Test
  @DisplayName("a tail reader that stops reading gets the oldest messages dropped and counted, the newest kept")
  void slowReader(Vertx vertx) throws Exception {
    int count = 2_000;
    String padding = "x".repeat(16 * 1024);
    try (BridgeClient client = BridgeClient.connect("127.0.0.1", port, WAIT, TOKEN.value())) {
      client.register(Addresses.TAP);
      client.request(Addresses.CLUSTER, new JsonObject(), Duration.ofSeconds(1), true);
      for (int n = 0; n < count; n++) {
        vertx.eventBus().publish(Addresses.TAP, new JsonObject().put("n", n).put("padding", padding));
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (stats.droppedMessages.sum() == 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(10_000_000);
      }
      assertTrue(stats.droppedMessages.sum() > 0, "32 MB for a reader that does not read: the oldest must be dropped");
      int received = 0;
      int last = -1;
      while (last < count - 1) {
        last = client.nextMessage(WAIT).getJsonObject("body").getInteger("n");
        received++;
      }
      assertEquals(count, received + stats.droppedMessages.sum(), "every message either arrived or was counted as dropped");
    }
  }
}
