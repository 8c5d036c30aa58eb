package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoleRunTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("start, a second start refused, stop, a second stop refused; a bad setting leaves it free to start")
  void lifecycle() throws Exception {
    RoleRun run = new RoleRun(vertx);
    assertEquals("bad setting", failure(run.start(() -> {
      throw Failure.BAD_REQUEST.error("bad setting");
    }, "busy")));
    assertFalse(run.busy(), "a start that failed leaves nothing running or changing");

    await(run.start(this::deploy, "busy"));
    assertTrue(run.running() && run.steady());
    assertEquals("busy", failure(run.start(this::deploy, "busy")));

    await(run.stop("not running"));
    assertFalse(run.running());
    assertEquals("not running", failure(run.stop("not running")));
    assertEquals(0, vertx.deploymentIDs().size(), "the deployment is gone");
  }

  private Future<String> deploy() {
    return vertx.deployVerticle(new VerticleBase() {});
  }

  private static void await(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String failure(Future<?> future) throws Exception {
    try {
      await(future);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    }
  }
}
