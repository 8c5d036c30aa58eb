package io.vertxcenter.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LoadVerticleTest {
  private static final int ENDLESS_BYTES = 4 * 1024 * 1024;

  @Test
  @DisplayName("a server that sends a line longer than any VertxCenter reply (4 MiB, no newline) is dropped, not buffered")
  void endlessReplyIsCapped(Vertx vertx, VertxTestContext test) throws InterruptedException {
    AtomicLong connections = new AtomicLong();
    NetServer server = vertx.createNetServer().connectHandler(socket -> {
      connections.incrementAndGet();
      socket.closeHandler(closed -> test.verify(() -> {
        assertTrue(connections.get() >= 1);
        test.completeNow();
      }));
      socket.write(Buffer.buffer(new byte[ENDLESS_BYTES]).setByte(0, (byte) 'W'));
    });
    server.listen(0, "127.0.0.1").onComplete(test.succeeding(listening -> {
      LoadPlan plan = LoadPlan.of(new JsonObject().put("port", listening.actualPort()).put("rate", 0).put("count", 10));
      vertx.deployVerticle(new LoadVerticle(plan, new LoadStats(plan.count()), 1, 1));
    }));
    assertTrue(test.awaitCompletion(30, TimeUnit.SECONDS), "the client never closed the connection");
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }
}
