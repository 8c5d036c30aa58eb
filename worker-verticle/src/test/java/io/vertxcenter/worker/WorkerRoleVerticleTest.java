package io.vertxcenter.worker;

import static io.vertxcenter.worker.BenchModesTest.deployWorkerRole;
import static io.vertxcenter.worker.BenchModesTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WorkerRoleVerticleTest {
  private static final String NODE = "worker-t";

  private static Future<JsonObject> workers(Vertx vertx, String action, JsonObject args) {
    return request(vertx, Addresses.nodeRole(NODE, Role.WORKER), action, args);
  }

  @Test
  @DisplayName("scale redeploys the task verticles with the new count, which then all take work, and status counts the tasks")
  void scale(Vertx vertx, VertxTestContext test) {
    int deployedBefore = vertx.deploymentIDs().size();
    deployWorkerRole(vertx, NODE, 2)
        .compose(v -> workers(vertx, "status", new JsonObject()))
        .compose(status -> {
          test.verify(() -> assertEquals(new JsonObject().put("node", NODE).put("instances", 2).put("tasksDone", 0L).put("busyMs", 0L), status));
          return workers(vertx, "scale", new JsonObject().put("instances", 3));
        })
        .compose(scaled -> {
          test.verify(() -> {
            assertEquals(3, scaled.getInteger("instances"));
            assertEquals(deployedBefore + 2, vertx.deploymentIDs().size(), "role verticle + one task deployment");
          });
          RunProgress progress = new RunProgress(3_000);
          return ChunkDispatcher.run(vertx, BenchMode.CLUSTER, Addresses.WORK, Chunking.split(3_000, 64), 6, progress);
        })
        .compose(run -> {
          test.verify(() -> assertEquals(3, run.instances(), "instances that ran a chunk after the scale"));
          return workers(vertx, "status", new JsonObject());
        })
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertEquals(3_000L, status.getLong("tasksDone"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("scale to 0 stops the node taking work; a bad count is refused with the valid range")
  void scaleLimits(Vertx vertx, VertxTestContext test) {
    deployWorkerRole(vertx, NODE, 1)
        .compose(v -> workers(vertx, "scale", new JsonObject().put("instances", 0)))
        .compose(scaled -> {
          test.verify(() -> assertEquals(0, scaled.getInteger("instances")));
          return vertx.eventBus().request(Addresses.WORK, new Chunk(0, 0, 1).toJson())
              .map(reply -> "answered").otherwise(error -> error.getMessage());
        })
        .compose(answer -> {
          test.verify(() -> assertTrue(answer.startsWith("No handlers"), answer));
          return workers(vertx, "scale", new JsonObject().put("instances", -1)).map("accepted").otherwise(Throwable::getMessage);
        })
        .compose(answer -> {
          test.verify(() -> assertEquals("instances must be a whole number from 0 to 256", answer));
          return workers(vertx, "scale", new JsonObject().put("instances", 100_000)).map("accepted").otherwise(Throwable::getMessage);
        })
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals("instances must be a whole number from 0 to 256", answer);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a worker role asked for more instances than the limit at start is refused, naming the range")
  void startLimit() {
    Failure.CommandException refused = assertThrows(Failure.CommandException.class, () -> new WorkerRoleVerticle(NODE, 100_000));
    assertEquals("worker instances must be a whole number from 1 to 256", refused.getMessage());
  }
}
