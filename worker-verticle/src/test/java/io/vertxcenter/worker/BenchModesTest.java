package io.vertxcenter.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bench mode, in this JVM, returns the closed-form checksum for small totals. */
@ExtendWith(VertxExtension.class)
class BenchModesTest {

  private static void assertComplete(RunResult result, BenchMode mode, long total) {
    assertEquals(mode, result.mode());
    assertEquals(total, result.tasks(), mode.label() + " tasks");
    assertEquals(CountdownTask.expectedChecksum(total), result.checksum(), mode.label() + " checksum");
    assertTrue(result.checksumOk());
    assertEquals(0, result.retries());
  }

  @ParameterizedTest(name = "TOTAL = {0}")
  @ValueSource(longs = {1, 2, 7, 100, 3_000})
  @DisplayName("Sequential and Threads")
  void plainJava(long total) {
    RunProgress progress = new RunProgress(total);
    assertComplete(LocalModes.sequential(total, progress), BenchMode.SEQUENTIAL, total);
    assertEquals(total, progress.tasksDone());
    RunResult threads = LocalModes.threads(total, 2, new RunProgress(total));
    assertComplete(threads, BenchMode.THREADS, total);
    assertEquals(Math.min(total, 64), threads.chunks());
  }

  @ParameterizedTest(name = "TOTAL = {0}")
  @ValueSource(longs = {1, 2, 7, 100, 3_000})
  @DisplayName("Event-Loop: one event per task")
  void eventLoop(long total, Vertx vertx, VertxTestContext test) {
    RunProgress progress = new RunProgress(total);
    LocalModes.eventLoop(vertx, total, progress).onComplete(test.succeeding(result -> test.verify(() -> {
      assertComplete(result, BenchMode.EVENT_LOOP, total);
      assertEquals(total, progress.tasksDone());
      test.completeNow();
    })));
  }

  @ParameterizedTest(name = "TOTAL = {0}")
  @ValueSource(longs = {1, 2, 7, 100, 3_000})
  @DisplayName("Workers: worker verticles fed over the local bus, undeployed afterwards")
  void workers(long total, Vertx vertx, VertxTestContext test) {
    int deployedBefore = vertx.deploymentIDs().size();
    LocalModes.workers(vertx, total, 2, new RunProgress(total)).onComplete(test.succeeding(result -> test.verify(() -> {
      assertComplete(result, BenchMode.WORKERS, total);
      assertEquals(Math.min(total, 2), result.instances(), "instances that ran a chunk");
      assertEquals(deployedBefore, vertx.deploymentIDs().size(), "task verticles undeployed");
      test.completeNow();
    })));
  }

  @ParameterizedTest(name = "TOTAL = {0}")
  @ValueSource(longs = {1, 7, 3_000})
  @DisplayName("Cluster: a worker node coordinates the run over center.work and answers progress polls")
  void cluster(long total, Vertx vertx, VertxTestContext test) {
    deployWorkerRole(vertx, "worker-a", 2)
        .compose(v -> request(vertx, Addresses.role(Role.WORKER), "bench", new JsonObject().put("total", total).put("instances", 2)))
        .compose(started -> {
          assertEquals("worker-a", started.getString("coordinator"));
          return pollUntilFinished(vertx, "worker-a", started.getString("run"));
        })
        .onComplete(test.succeeding(progress -> test.verify(() -> {
          RunResult result = RunResult.fromJson(progress.getJsonObject("result"));
          assertComplete(result, BenchMode.CLUSTER, total);
          assertEquals(total, progress.getLong("tasksDone"));
          assertEquals(result.chunks(), progress.getJsonObject("nodes").getInteger("worker-a"));
          assertEquals(1, result.nodes());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("bench rejects a bad total with 400 and an unknown run with 404")
  void badBenchRequests(Vertx vertx, VertxTestContext test) {
    deployWorkerRole(vertx, "worker-b", 1)
        .compose(v -> request(vertx, Addresses.role(Role.WORKER), "bench", new JsonObject().put("total", 0).put("instances", 1))
            .otherwise(error -> new JsonObject().put("failed", error.getMessage())))
        .compose(reply -> {
          test.verify(() -> assertTrue(reply.getString("failed", "").contains("bench total must be a whole number from 1 to 2000000"), reply.encode()));
          return request(vertx, Addresses.role(Role.WORKER), "bench-progress", new JsonObject().put("run", "nope"))
              .otherwise(error -> new JsonObject().put("failed", error.getMessage()));
        })
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertTrue(reply.getString("failed", "").startsWith("no bench run 'nope' on node worker-b"), reply.encode());
          test.completeNow();
        })));
  }

  static Future<Void> deployWorkerRole(Vertx vertx, String nodeId, int instances) {
    return vertx.deployVerticle(new WorkerRoleVerticle(nodeId, instances)).mapEmpty();
  }

  static Future<JsonObject> request(Vertx vertx, String address, String action, JsonObject args) {
    return vertx.eventBus().<JsonObject>request(address, CommandRouter.command(action, args)).map(reply -> reply.body());
  }

  private static Future<JsonObject> pollUntilFinished(Vertx vertx, String nodeId, String run) {
    Promise<JsonObject> finished = Promise.promise();
    vertx.setPeriodic(20, timer -> request(vertx, Addresses.nodeRole(nodeId, Role.WORKER), "bench-progress",
        new JsonObject().put("run", run)).onComplete(reply -> {
          if (reply.failed()) {
            vertx.cancelTimer(timer);
            finished.tryFail(reply.cause());
          } else if (reply.result().getBoolean("finished") && finished.tryComplete(reply.result())) {
            vertx.cancelTimer(timer);
          }
        }));
    return finished.future();
  }
}
