package io.vertxcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Failure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConsoleRoutesTest {
  private int port;
  /** One client for the test, held in a field: an unreferenced Vert.x client may be closed by the GC mid-request. */
  private HttpClient client;

  /** The console's routes on a free port, and a stand-in server role that answers or refuses. */
  @BeforeEach
  void serve(Vertx vertx, VertxTestContext context) {
    client = vertx.createHttpClient();
    vertx.eventBus().<JsonObject>consumer(Addresses.role(io.vertxcenter.common.Role.SERVER), message -> {
      if ("start".equals(message.body().getString("action"))) {
        message.fail(Failure.CONFLICT.code(), "the server is already running");
      } else {
        message.reply(new JsonObject().put("listening", true).put("args", message.body().getJsonObject("args")));
      }
    });
    Router router = Router.router(vertx);
    new ConsoleRoutes(vertx, new ClusterSampler("node-1"), "node-1", "the-token"::equals).mount(router);
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .map(HttpServer::actualPort)
        .onComplete(context.succeeding(actual -> {
          port = actual;
          context.completeNow();
        }));
  }

  @Test
  @DisplayName("a command goes to its address as the CLI sends it, and its reply comes back as JSON")
  void commandReply(Vertx vertx, VertxTestContext context) {
    post(vertx, "{\"address\":\"center.server\",\"action\":\"status\",\"args\":{\"x\":1}}")
        .onComplete(context.succeeding(response -> context.verify(() -> {
          assertEquals(200, response.status());
          assertEquals(new JsonObject().put("listening", true).put("args", new JsonObject().put("x", 1)), response.body().toJsonObject());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("without the cluster token, or with a wrong one, a command is refused with 401 and never sent")
  void tokenRequired(Vertx vertx, VertxTestContext context) {
    String status = "{\"address\":\"center.server\",\"action\":\"status\"}";
    send(vertx, status, null)
        .compose(none -> {
          context.verify(() -> assertEquals(401, none.status()));
          return send(vertx, status, "not-the-token");
        })
        .onComplete(context.succeeding(wrong -> context.verify(() -> {
          assertEquals(401, wrong.status());
          assertTrue(wrong.body().toJsonObject().getString("error").contains("token"));
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a command that is not sent as JSON (a form another site's page could post) is refused with 415")
  void onlyJson(Vertx vertx, VertxTestContext context) {
    client.request(HttpMethod.POST, port, "127.0.0.1", "/api/command")
        .compose(request -> request.putHeader("Content-Type", "text/plain").putHeader(ConsoleRoutes.TOKEN_HEADER, "the-token")
            .send("{\"address\":\"center.server\",\"action\":\"stop\"}"))
        .compose(this::read)
        .onComplete(context.succeeding(response -> context.verify(() -> {
          assertEquals(415, response.status());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("the data and work streams are out of reach: 403, as through the CLI bridge")
  void dataAddressRefused(Vertx vertx, VertxTestContext context) {
    post(vertx, "{\"address\":\"" + Addresses.DATA + "\",\"action\":\"status\"}")
        .onComplete(context.succeeding(response -> context.verify(() -> {
          assertEquals(403, response.status());
          assertTrue(response.body().toJsonObject().getString("error").contains("center.data"), response.body().toString());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("a role's refusal keeps its code and text (409), and a body that is no command is a 400")
  void failures(Vertx vertx, VertxTestContext context) {
    post(vertx, "{\"address\":\"center.server\",\"action\":\"start\"}")
        .compose(conflict -> {
          context.verify(() -> {
            assertEquals(409, conflict.status());
            assertEquals("the server is already running", conflict.body().toJsonObject().getString("error"));
          });
          return post(vertx, "not json");
        })
        .onComplete(context.succeeding(bad -> context.verify(() -> {
          assertEquals(400, bad.status());
          context.completeNow();
        })));
  }

  @Test
  @DisplayName("the page and the chart library are served from the jar")
  void pageFromTheJar(Vertx vertx, VertxTestContext context) {
    get(vertx, "/").compose(page -> {
          context.verify(() -> {
            assertEquals(200, page.status());
            assertTrue(page.body().toString().contains("id=\"nodes\""));
          });
          return get(vertx, "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        })
        .onComplete(context.succeeding(script -> context.verify(() -> {
          assertEquals(200, script.status());
          context.completeNow();
        })));
  }

  private record Response(int status, Buffer body) {}

  private Future<Response> post(Vertx vertx, String body) {
    return send(vertx, body, "the-token");
  }

  private Future<Response> send(Vertx vertx, String body, String token) {
    return client.request(HttpMethod.POST, port, "127.0.0.1", "/api/command")
        .compose(request -> {
          request.putHeader("Content-Type", "application/json");
          if (token != null) {
            request.putHeader(ConsoleRoutes.TOKEN_HEADER, token);
          }
          return request.send(body);
        })
        .compose(this::read);
  }

  private Future<Response> get(Vertx vertx, String path) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(request -> request.send())
        .compose(this::read);
  }

  private Future<Response> read(HttpClientResponse response) {
    return response.body().map(body -> new Response(response.statusCode(), body));
  }
}
