package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.TestPorts;
import io.vertxcenter.server.ServerFailure.Kind;
import io.vertxcenter.server.ServerFailure.Moved;
import io.vertxcenter.server.ServerFailure.Start;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Why the server does not listen: real failures classified into their kind, how a failure reads once
 * the params name another address, and the wording of each message (the one golden text of each).
 */
@ExtendWith(VertxExtension.class)
class ServerFailureTest {
  private static final String ERROR = "Address already in use";
  private static final Start TAKEN = new Start(Kind.CANNOT_BIND, "127.0.0.1", 5000, ERROR);

  @Test
  @DisplayName("a listen on a taken port is CANNOT_BIND, with its address and the listen's error")
  void takenPortCannotBind(Vertx vertx) throws Exception {
    try (ServerSocket taken = TestPorts.occupied()) {
      ServerParams tried = params("127.0.0.1", taken.getLocalPort());
      Start failure = Start.of(tried, listenError(vertx, tried));
      assertEquals(new Start(Kind.CANNOT_BIND, "127.0.0.1", taken.getLocalPort(), ERROR), failure);
    }
  }

  /** {@code a..b} fails in the resolver's parsing (IllegalArgumentException: Empty label is not a legal name), not its lookup. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nonexistent.invalid", "a..b"})
  @DisplayName("a listen on a host that does not resolve, or is not a valid name, is HOST_UNRESOLVED")
  void unresolvedHost(String host, Vertx vertx) throws Exception {
    ServerParams tried = params(host, 5999);
    Start failure = Start.of(tried, listenError(vertx, tried));
    assertEquals(Kind.HOST_UNRESOLVED, failure.kind(), failure.toString());
    assertEquals(host, failure.host());
  }

  @Test
  @DisplayName("a data log that cannot be opened is LOG_UNAVAILABLE, with what it said")
  void logUnavailable() {
    Start failure = Start.of(params("127.0.0.1", 5000), new ServerFailure.LogUnavailable("/data is not writable"));
    assertEquals(new Start(Kind.LOG_UNAVAILABLE, "127.0.0.1", 5000, "/data is not writable"), failure);
  }

  @Test
  @DisplayName("seen from params naming the same host and port, a failure is itself; another port is Moved elsewhere, with no lookup")
  void seenFromTheSameOrAnotherPort(Vertx vertx) throws Exception {
    assertSame(TAKEN, seen(vertx, TAKEN, params("127.0.0.1", 5000)));
    assertEquals(new Moved(TAKEN, "127.0.0.1", 5001, null), seen(vertx, TAKEN, params("127.0.0.1", 5001)));
  }

  @Test
  @DisplayName("seen from another name of the same address and port (localhost), a failure is Moved to the same address; from a host that does not resolve, elsewhere")
  void seenFromAnotherName(Vertx vertx) throws Exception {
    Moved same = assertInstanceOf(Moved.class, seen(vertx, TAKEN, params("localhost", 5000)));
    assertEquals("127.0.0.1", same.sameAddress());
    Moved unresolved = assertInstanceOf(Moved.class, seen(vertx, TAKEN, params("nonexistent.invalid", 5000)));
    assertNull(unresolved.sameAddress());
  }

  @Test
  @DisplayName("golden text: CANNOT_BIND")
  void cannotBindText() {
    assertEquals("the server cannot listen on 127.0.0.1:5000 (Address already in use): free the port, or choose another "
        + "with 'server params set port=…' and 'server start'", TAKEN.reason());
  }

  @Test
  @DisplayName("golden text: HOST_UNRESOLVED")
  void hostUnresolvedText() {
    assertEquals("the server cannot listen on nonexistent.invalid:5999: the host 'nonexistent.invalid' cannot be resolved: "
            + "give an address of this machine (127.0.0.1, 0.0.0.0 for every interface) with 'server params set host=…' "
            + "and 'server start'",
        new Start(Kind.HOST_UNRESOLVED, "nonexistent.invalid", 5999, "Failed to resolve 'nonexistent.invalid'").reason());
  }

  @Test
  @DisplayName("golden text: LOG_UNAVAILABLE")
  void logUnavailableText() {
    assertEquals("the server cannot open its data log (/data is not writable): fix that, then 'server start'",
        new Start(Kind.LOG_UNAVAILABLE, "127.0.0.1", 5000, "/data is not writable").reason());
  }

  @Test
  @DisplayName("golden text: Moved elsewhere")
  void movedElsewhereText() {
    assertEquals("the server could not listen on 127.0.0.1:5000 (Address already in use); its params now name "
        + "127.0.0.1:5001: start it there with 'server start'", new Moved(TAKEN, "127.0.0.1", 5001, null).reason());
  }

  @Test
  @DisplayName("golden text: Moved to another name of the same address")
  void movedToTheSameAddressText() {
    assertEquals("the server could not listen on 127.0.0.1:5000 (Address already in use); its params now name "
            + "localhost:5000, the same address (127.0.0.1): free the port, or choose another with 'server params set "
            + "port=…' and 'server start'", new Moved(TAKEN, "localhost", 5000, "127.0.0.1").reason());
  }

  private static ServerParams params(String host, int port) {
    return ServerParams.DEFAULTS.with(new JsonObject().put("host", host).put("port", port));
  }

  /** What a Vert.x listen with {@code params}' host and port fails with. */
  static Throwable listenError(Vertx vertx, ServerParams params) throws Exception {
    Future<?> listen = vertx.createNetServer().connectHandler(socket -> socket.close()).listen(params.port(), params.host());
    return listen.<Throwable>transform(listened -> listened.succeeded()
            ? Future.failedFuture(new AssertionError("listened on " + params.host() + ":" + params.port()))
            : Future.succeededFuture(listened.cause()))
        .await(20, TimeUnit.SECONDS);
  }

  private static ServerFailure seen(Vertx vertx, Start failure, ServerParams now) throws Exception {
    return failure.seenFrom(vertx, now).await(20, TimeUnit.SECONDS);
  }
}
