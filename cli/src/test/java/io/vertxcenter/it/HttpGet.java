package io.vertxcenter.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test support: plain HTTP requests to a node's HTTP port (java.net.http, no Vert.x). */
public final class HttpGet {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: its status code and body. */
  public record Response(int status, String body) {}

  private HttpGet() {}

  /** GET {@code http://127.0.0.1:port/path}; a refused connection is status 0. */
  public static Response get(int port, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  /** POST of a JSON body carrying the tests' cluster token, as the console's page sends a command. */
  public static Response post(int port, String path, String json) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("X-Center-Token", NodeProcess.TOKEN.value())
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Response(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Repeats the GET until the response matches, failing with the last one when it never does. */
  public static Response await(int port, String path, Predicate<Response> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Response last = get(port, path);
    while (!match.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("GET " + path + " did not give what was expected within " + timeout + "; last: "
            + last.status() + " " + last.body());
      }
      pause();
      last = get(port, path);
    }
    return last;
  }

  /** The value of an unlabelled sample in Prometheus text ({@code name 12.0}), or -1 when absent. */
  public static double sample(String metrics, String name) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.Ee+-]+)$").matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
  }

  /** The polling interval of a condition with a deadline. */
  public static void pause() {
    LockSupport.parkNanos(200_000_000);
  }
}
