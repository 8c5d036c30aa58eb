package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A host that is spelled right but does not resolve ({@code center node --server-host
 * nonexistent.invalid}) is found only when the server listens: the role comes up degraded, and the
 * reason names the host and says it cannot be resolved, not that a port is taken.
 */
@ExtendWith(VertxExtension.class)
class ServerHostUnresolvedTest {
  private static final String NODE = "server-spec02";

  /** {@code a..b} fails in the resolver's parsing (IllegalArgumentException: Empty label is not a legal name), not its lookup. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nonexistent.invalid", "a..b"})
  @DisplayName("an unresolvable or malformed host: degraded, with the reason of HOST_UNRESOLVED (it names the host and what to do; no word about the port)")
  void unresolvableHostIsNamed(String host, Vertx vertx) throws Exception {
    ServerParams params = ServerParams.DEFAULTS.with(new JsonObject().put("host", host).put("port", 5999));
    vertx.deployVerticle(new ServerRoleVerticle(NODE, params)).await(60, TimeUnit.SECONDS);

    JsonObject status = vertx.eventBus().<JsonObject>request(Addresses.nodeRole(NODE, Role.SERVER),
        CommandRouter.command("status", new JsonObject())).map(Message::body).await(20, TimeUnit.SECONDS);
    assertFalse(status.getBoolean("listening"), status.encode());
    assertEquals(NodeState.DEGRADED, status.getString("state"), status.encode());
    ServerFailure.Start unresolved = ServerFailure.Start.of(params, ServerFailureTest.listenError(vertx, params));
    assertEquals(ServerFailure.Kind.HOST_UNRESOLVED, unresolved.kind());
    assertEquals(unresolved.reason(), status.getString("reason"), "the reason of an unresolved host");
  }
}
