package io.vertxcenter.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Failure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConsoleRoutesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private int port;
  /** One client for the test, held in a field: an unreferenced Vert.x client may be closed by the GC mid-request. */
  private HttpClient client;
  /** Where each exchange runs, so its response's body is asked for on the event loop that reads it. */
  private Context context;

  /** The console's routes on a free port, and a stand-in server role that answers or refuses. */
  @BeforeEach
  void serve(Vertx vertx) throws TimeoutException {
    client = vertx.createHttpClient();
    context = vertx.getOrCreateContext();
    vertx.eventBus().<JsonObject>consumer(Addresses.role(io.vertxcenter.common.Role.SERVER), message -> {
      if ("start".equals(message.body().getString("action"))) {
        message.fail(Failure.CONFLICT.code(), "the server is already running");
      } else {
        message.reply(new JsonObject().put("listening", true).put("args", message.body().getJsonObject("args")));
      }
    });
    Router router = Router.router(vertx);
    // the cookie's name carries the port; this one is the port the server is asked for, 0
    new ConsoleLogin("the-token"::equals, 0).mount(router);
    new ConsoleRoutes(vertx, new ClusterSampler("node-1"), "node-1").mount(router);
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(TIMEOUT.toSeconds(), TimeUnit.SECONDS).actualPort();
  }

  @Test
  @DisplayName("a command goes to its address as the CLI sends it, and its reply comes back as JSON")
  void commandReply() {
    Response response = post("{\"address\":\"center.server\",\"action\":\"status\",\"args\":{\"x\":1}}");
    assertEquals(200, response.status());
    assertEquals(new JsonObject().put("listening", true).put("args", new JsonObject().put("x", 1)), response.body().toJsonObject());
  }

  @Test
  @DisplayName("without the cluster token, or with a wrong one, a command is refused with 401 and never sent")
  void tokenRequired() {
    String status = "{\"address\":\"center.server\",\"action\":\"status\"}";
    assertEquals(401, send(status, null).status());
    Response wrong = send(status, "not-the-token");
    assertEquals(401, wrong.status());
    assertTrue(wrong.body().toJsonObject().getString("error").contains("token"));
  }

  @Test
  @DisplayName("a command that is not sent as JSON (a form another site's page could post) is refused with 415")
  void onlyJson() {
    Response response = exchange(() -> client.request(HttpMethod.POST, port, "127.0.0.1", "/api/command")
        .compose(request -> request.putHeader("Content-Type", "text/plain").putHeader(HttpVerticle.TOKEN_HEADER, "the-token")
            .send("{\"address\":\"center.server\",\"action\":\"stop\"}")));
    assertEquals(415, response.status());
  }

  @Test
  @DisplayName("the data and work streams are out of reach: 403, as through the CLI bridge")
  void dataAddressRefused() {
    Response response = post("{\"address\":\"" + Addresses.DATA + "\",\"action\":\"status\"}");
    assertEquals(403, response.status());
    assertTrue(response.body().toJsonObject().getString("error").contains("center.data"), response.body().toString());
  }

  @Test
  @DisplayName("a role's refusal keeps its code and text (409), and a body that is no command is a 400")
  void failures() {
    Response conflict = post("{\"address\":\"center.server\",\"action\":\"start\"}");
    assertEquals(409, conflict.status());
    assertEquals("the server is already running", conflict.body().toJsonObject().getString("error"));
    assertEquals(400, post("not json").status());
    assertEquals(400, post("[1,2]").status(), "an array is no command");
    assertEquals(400, post("\"center.server\"").status(), "a string is no command");
    assertEquals(400, post("").status(), "nothing is no command");
  }

  @Test
  @DisplayName("a login ticket (for the token only) opens a session once: its cookie is HttpOnly, SameSite=Strict and lets /api/events through")
  void loginTicket() {
    assertEquals(401, exchange(() -> client.request(HttpMethod.POST, port, "127.0.0.1", "/api/login-ticket")
        .compose(request -> request.send())).status());
    assertEquals(401, get("/api/events").status(), "the event stream needs a login");
    assertEquals(401, get("/api/session").status(), "the page asks whether it is logged in");
    Response issued = exchange(() -> client.request(HttpMethod.POST, port, "127.0.0.1", "/api/login-ticket")
        .compose(request -> request.putHeader(HttpVerticle.TOKEN_HEADER, "the-token").send()));
    assertEquals(200, issued.status());
    String ticket = issued.body().toJsonObject().getString("ticket");
    HttpClientResponse[] login = new HttpClientResponse[1];
    Response first = exchange(() -> client.request(HttpMethod.GET, port, "127.0.0.1", "/login?ticket=" + ticket)
        .compose(request -> request.send()).onSuccess(response -> login[0] = response));
    assertEquals(303, first.status());
    String cookie = login[0].cookies().get(0);
    assertTrue(cookie.startsWith("center-session-0=") && cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict"), cookie);
    assertEquals(401, get("/login?ticket=" + ticket).status(), "a ticket is good once");
    Response command = exchange(() -> client.request(HttpMethod.POST, port, "127.0.0.1", "/api/command")
        .compose(request -> request.putHeader("Content-Type", "application/json").putHeader("Cookie", cookie.split(";")[0])
            .send("{\"address\":\"center.server\",\"action\":\"status\"}")));
    assertEquals(200, command.status(), "the session's cookie stands for the token");
    assertEquals(204, exchange(() -> client.request(HttpMethod.GET, port, "127.0.0.1", "/api/session")
        .compose(request -> request.putHeader("Cookie", cookie.split(";")[0]).send())).status());
  }

  @Test
  @DisplayName("the page and the chart library are served from the jar")
  void pageFromTheJar() {
    Response page = get("/");
    assertEquals(200, page.status());
    assertTrue(page.body().toString().contains("id=\"nodes\""));
    assertEquals(200, get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status());
  }

  private record Response(int status, Buffer body) {}

  private Response post(String body) {
    return send(body, "the-token");
  }

  private Response send(String body, String token) {
    return exchange(() -> client.request(HttpMethod.POST, port, "127.0.0.1", "/api/command")
        .compose(request -> {
          request.putHeader("Content-Type", "application/json");
          if (token != null) {
            request.putHeader(HttpVerticle.TOKEN_HEADER, token);
          }
          return request.send(body);
        }));
  }

  private Response get(String path) {
    return exchange(() -> client.request(HttpMethod.GET, port, "127.0.0.1", path).compose(request -> request.send()));
  }

  /**
   * Runs {@code call} on the test's event loop and returns the response with its whole body; fails
   * when it has not come within {@link #TIMEOUT}. The body is asked for in the callback that gets
   * the response, on that loop: asked for later from the test thread, a response that had already
   * ended by then never gave its body (a fast second request on a kept-alive connection hung).
   */
  private Response exchange(Supplier<Future<HttpClientResponse>> call) {
    Promise<Response> response = Promise.promise();
    context.runOnContext(v -> call.get()
        .compose(r -> r.body().map(body -> new Response(r.statusCode(), body)))
        .onComplete(response));
    try {
      return response.future().await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no response within " + TIMEOUT);
    }
  }
}
