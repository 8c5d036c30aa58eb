package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.LineProtocol;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.RoleState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server role in this JVM: ready means listening, a taken port makes it degraded (not a failed
 * start), and the {@code params-set} command. Its status is where its node reads its state.
 */
@ExtendWith(VertxExtension.class)
class ServerRoleReadinessTest {
  private static final String NODE = "server-spec01";
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private Vertx vertx;

  @BeforeEach
  void node(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  @DisplayName("its start completes once the port is bound: status says listening and ready, a client is greeted")
  void startedMeansListening() throws IOException {
    int port = TestPorts.free();
    within(deploy(port));

    JsonObject status = command("status");
    assertTrue(status.getBoolean("listening"), status.encode());
    assertEquals(NodeState.READY, status.getString("state"));
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) DEADLINE.toMillis());
      BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertEquals(LineProtocol.GREETING, reader.readLine());
    }
  }

  @Test
  @DisplayName("a taken port: the start succeeds, not listening, degraded with the reason; a 'start' once the port is free makes it ready; 'stop' makes it idle, not degraded")
  void portTakenIsDegradedUntilStarted() throws IOException {
    int port;
    try (ServerSocket taken = TestPorts.occupied()) {
      port = taken.getLocalPort();
      within(deploy(port));

      JsonObject status = command("status");
      assertFalse(status.getBoolean("listening"), status.encode());
      assertEquals(NodeState.DEGRADED, status.getString("state"));
      String reason = status.getString("reason");
      assertEquals(cannotBind(port).reason(), reason);

      ReplyException refused = commandFails("start");
      assertEquals(Failure.CONFLICT.code(), refused.failureCode());
      assertEquals(reason, refused.getMessage());
      assertEquals(NodeState.DEGRADED, command("status").getString("state"), "still degraded while the port is taken");

      JsonObject gaveUp = command("stop");
      assertEquals(NodeState.IDLE, gaveUp.getString("state"), "'server stop' while degraded: stop trying, idle");
    }

    JsonObject started = command("start");
    assertTrue(started.getBoolean("listening"), started.encode());
    assertEquals(NodeState.READY, started.getString("state"));

    JsonObject stopped = command("stop");
    assertFalse(stopped.getBoolean("listening"));
    assertEquals(NodeState.IDLE, stopped.getString("state"), "stopped on purpose is not degraded: " + stopped.encode());
    assertEquals("the server was stopped with 'server stop': start it with 'server start'", stopped.getString("reason"));
  }

  @Test
  @DisplayName("degraded, then 'params-set' of another port: the reason names the new port and 'server start', not the taken one;"
      + " set back, the first reason again; 'start' listens on the new port")
  void reasonFollowsThePortSet() throws IOException {
    int free = TestPorts.free();
    try (ServerSocket taken = TestPorts.occupied()) {
      int port = taken.getLocalPort();
      within(deploy(port));
      ServerFailure.Start failure = cannotBind(port);
      String takenReason = command("status").getString("reason");
      assertEquals(failure.reason(), takenReason);

      command("params-set", new JsonObject().put("port", free));
      JsonObject status = command("status");
      assertEquals(NodeState.DEGRADED, status.getString("state"), "not listening yet: a params change does not start it");
      assertFalse(status.getBoolean("listening"));
      String reason = status.getString("reason");
      assertEquals(new ServerFailure.Moved(failure, "127.0.0.1", free, null).reason(), reason, "moved elsewhere");

      command("params-set", new JsonObject().put("maxConnections", 5));
      assertEquals(reason, command("status").getString("reason"), "another param changed: the same address, the same reason");

      command("params-set", new JsonObject().put("port", port));
      assertEquals(takenReason, command("status").getString("reason"), "back on the taken port: the reason given at the failure");
      assertEquals(NodeState.DEGRADED, command("status").getString("state"));

      command("params-set", new JsonObject().put("port", free));
      JsonObject started = command("start");
      assertTrue(started.getBoolean("listening"), started.encode());
      assertEquals(free, started.getInteger("port"));
      assertEquals(NodeState.READY, started.getString("state"));
    }
  }

  @Test
  @DisplayName("degraded on a taken 127.0.0.1 port, then 'params-set host=localhost': the reason says it is the same address, the port still to free")
  void reasonNotesAnotherNameOfTheSameAddress() throws IOException {
    try (ServerSocket taken = TestPorts.occupied()) {
      int port = taken.getLocalPort();
      within(deploy(port));

      command("params-set", new JsonObject().put("host", "localhost"));

      JsonObject status = command("status");
      assertEquals(NodeState.DEGRADED, status.getString("state"));
      assertEquals(new ServerFailure.Moved(cannotBind(port), "localhost", port, "127.0.0.1").reason(), status.getString("reason"),
          "moved to another name of the same address");
    }
  }

  @Test
  @DisplayName("'params-set', the CLI's 'server params set', changes the params while the server is stopped and is refused while it runs")
  void paramsSet() throws IOException {
    within(deploy(TestPorts.free()));
    ReplyException running = commandFails("params-set", new JsonObject().put("maxConnections", 2));
    assertEquals(Failure.CONFLICT.code(), running.failureCode());
    assertTrue(running.getMessage().endsWith("stop it with 'server stop' before changing its params"), running.getMessage());

    command("stop");
    assertEquals(2, command("params-set", new JsonObject().put("maxConnections", 2)).getInteger("maxConnections"));
    assertEquals(2, command("params").getInteger("maxConnections"));
  }

  @Test
  @DisplayName("each change of its state is told to its node (no state in the message: the node asks), a command that changes nothing is not")
  void changesToldToTheNode() throws IOException {
    AtomicInteger told = new AtomicInteger();
    within(RoleState.onChange(vertx, NODE, told::incrementAndGet).completion());
    within(deploy(TestPorts.free()));
    Await.until("the start (idle to ready) told", DEADLINE, () -> told.get() == 1);
    command("stop");
    Await.until("the stop (ready to idle) told", DEADLINE, () -> told.get() == 2);
    commandFails("stop");
    command("params");
    command("start");
    Await.until("the start told, and nothing between", DEADLINE, () -> told.get() >= 3);
    assertEquals(3, told.get());
  }

  private Future<String> deploy(int port) {
    return vertx.deployVerticle(new ServerRoleVerticle(NODE, params(port)));
  }

  private static ServerParams params(int port) {
    return ServerParams.DEFAULTS.with(new JsonObject().put("port", port));
  }

  /** The failure of a listen on the taken {@code port}, as a start with it meets it: CANNOT_BIND. */
  private ServerFailure.Start cannotBind(int port) {
    ServerFailure.Start failure;
    try {
      failure = ServerFailure.Start.of(params(port), ServerFailureTest.listenError(vertx, params(port)));
    } catch (Exception e) {
      throw new AssertionError("no listen failure within " + DEADLINE, e);
    }
    assertEquals(ServerFailure.Kind.CANNOT_BIND, failure.kind(), failure.toString());
    return failure;
  }

  private JsonObject command(String action) {
    return command(action, new JsonObject());
  }

  private JsonObject command(String action, JsonObject args) {
    return within(vertx.eventBus().<JsonObject>request(Addresses.nodeRole(NODE, Role.SERVER), CommandRouter.command(action, args))
        .map(Message::body));
  }

  private ReplyException commandFails(String action) {
    return commandFails(action, new JsonObject());
  }

  private ReplyException commandFails(String action, JsonObject args) {
    return assertThrows(ReplyException.class, () -> command(action, args));
  }

  /** Its result, failing the test after {@link #DEADLINE}. */
  private static <T> T within(Future<T> future) {
    try {
      return future.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + DEADLINE, e);
    }
  }
}
