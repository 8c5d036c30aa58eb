package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CommandRouterTest {
  private static final String ADDRESS = "center.test";

  @BeforeEach
  void registerCommands(Vertx vertx, VertxTestContext test) {
    new CommandRouter("thing")
        .on("echo", args -> Future.succeededFuture(args.copy().put("echoed", true)))
        .on("busy", args -> Future.failedFuture(Failure.CONFLICT.error("thing is busy: stop it first")))
        .on("broken", args -> {
          throw new IllegalStateException("bug");
        })
        .register(vertx, ADDRESS)
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("a command's arguments reach its handler and its result is the reply")
  void repliesWithTheResult(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>request(ADDRESS, CommandRouter.command("echo", new JsonObject().put("n", 3)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertEquals(new JsonObject().put("n", 3).put("echoed", true), reply.body());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("an unknown action fails with 400 and lists the known ones")
  void unknownAction(Vertx vertx, VertxTestContext test) {
    expectFailure(vertx, test, "launch", Failure.BAD_REQUEST, "unknown thing command 'launch': expected one of echo, busy, broken");
  }

  @Test
  @DisplayName("a refused command fails with its own code and text")
  void refusedCommand(Vertx vertx, VertxTestContext test) {
    expectFailure(vertx, test, "busy", Failure.CONFLICT, "thing is busy: stop it first");
  }

  @Test
  @DisplayName("a handler that throws fails with 500, and the router keeps serving")
  void brokenHandler(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().request(ADDRESS, CommandRouter.command("broken", new JsonObject()))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals(Failure.INTERNAL, Failure.of(error));
          assertEquals("thing broken failed: java.lang.IllegalStateException: bug", error.getMessage());
          vertx.eventBus().request(ADDRESS, CommandRouter.command("echo", new JsonObject()))
              .onComplete(test.succeedingThenComplete());
        })));
  }

  private static void expectFailure(Vertx vertx, VertxTestContext test, String action, Failure code, String text) {
    vertx.eventBus().request(ADDRESS, CommandRouter.command(action, new JsonObject()))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals(code, Failure.of(error));
          assertEquals(code.code(), ((ReplyException) error).failureCode());
          assertEquals(text, error.getMessage());
          test.completeNow();
        })));
  }
}
