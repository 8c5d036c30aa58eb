package io.vertxcenter.node.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How the HTTP endpoints answer an error: {@code {"error": "<what went wrong and what to do>"}} as JSON. */
final class ErrorReply {
  private ErrorReply() {}

  /** Answers {@code status} with {@code message}; the connection stays open for the client's next request. */
  static void send(RoutingContext context, int status, String message) {
    context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  /**
   * Answers {@code status} with {@code message} before the request's body is read, then closes the
   * connection: the body is never read (nor stored), and no byte after it is taken as a request.
   */
  static void refuse(RoutingContext context, int status, String message) {
    context.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
        .end(new JsonObject().put("error", message).encode())
        .onComplete(ended -> context.request().connection().close());
  }
}
