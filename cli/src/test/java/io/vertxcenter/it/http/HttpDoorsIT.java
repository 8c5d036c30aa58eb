package io.vertxcenter.it.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.common.Role;
import io.vertxcenter.it.HttpGet;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.RawHttp;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTTP port of a real node JVM as an attacker on the same machine meets it, in raw HTTP on a
 * socket: a refused request writes nothing to disk and a body that is no JSON object is a 400; only
 * the node's own Host names are answered (DNS rebinding) and {@code /api/*} needs the token; ambiguous
 * framing is a 400 and a closed connection, the smuggled request never answered; made-up methods do
 * not grow {@code /metrics}; and no gauge it publishes goes wrong when event streams close or requests
 * are answered before their body.
 */
class HttpDoorsIT {
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final Set<String> METHOD_VALUES = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
      "PATCH", "other");
  private static final Pattern METHOD_LABEL = Pattern.compile("method=\"([^\"]*)\"");
  private static final Pattern NEGATIVE_SAMPLE = Pattern.compile("(?m)^[a-zA-Z_:]+(\\{[^}]*\\})? -\\d.*$");
  private static final Path UPLOADS = Path.of("file-uploads");

  private static final TestCluster CLUSTER = new TestCluster();
  private static int port;

  @BeforeAll
  static void startNode() {
    TestCluster.Node server = CLUSTER.node("server", Role.SERVER, Role.MONITOR).withPrint(PrintMode.NONE).withHttp()
        .withFlags("--http-allowed-hosts", "server");
    port = server.httpPort();
    server.start().awaitReady();
  }

  @AfterAll
  static void stopNode() {
    CLUSTER.close();
  }

  @Test
  @DisplayName("22 multipart uploads (no token, wrong type, or as a JSON command) are refused and leave no file; an array, a string, a number is a 400")
  void refusedRequestsWriteNothing() {
    long before = filesUnder(UPLOADS);
    String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        + "x".repeat(60_000) + "\r\n--b--\r\n";
    for (int i = 0; i < 22; i++) {
      String type = i % 3 == 2 ? "application/json" : "multipart/form-data; boundary=b";
      String token = i % 3 == 0 ? "" : "X-Center-Token: " + NodeProcess.TOKEN.value() + "\r\n";
      RawHttp.Answer answer = RawHttp.exchange(port, "POST /api/command HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
          + "\r\nContent-Length: " + multipart.length() + "\r\n" + token + "\r\n" + multipart, QUIET);
      int expected = i % 3 == 0 ? 401 : i % 3 == 1 ? 415 : 400;
      assertEquals(List.of(expected), answer.statuses(), answer.text());
    }
    assertEquals(before, filesUnder(UPLOADS), "no upload is stored under the node's working directory");
    for (String body : List.of("[1,2]", "\"center.server\"", "42", "null")) {
      HttpGet.Response response = HttpGet.post(port, "/api/command", body);
      assertEquals(400, response.status(), body + ": " + response.body());
      assertTrue(response.body().contains("a command is a JSON object"), response.body());
    }
  }

  @Test
  @DisplayName("a foreign Host gets 421 on /api/events, even with the token; /health answers under loopback and allowed names; /api/* needs the token")
  void onlyOwnHostNames() {
    String token = "X-Center-Token: " + NodeProcess.TOKEN.value() + "\r\n";
    RawHttp.Answer foreign = RawHttp.exchange(port, "GET /api/events HTTP/1.1\r\nHost: attacker.example:" + port + "\r\n" + token + "\r\n", QUIET);
    assertEquals(List.of(421), foreign.statuses(), foreign.text());
    assertTrue(foreign.closed(), "the connection is closed");
    assertTrue(foreign.text().contains("--http-allowed-hosts"), "the body says what to do: " + foreign.text());
    assertFalse(foreign.text().contains("\"nodes\""), "no snapshot: " + foreign.text());
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "server:" + port, "SERVER")) {
      RawHttp.Answer health = RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", QUIET);
      assertEquals(List.of(200), health.statuses(), host + ": " + health.text());
    }
    assertEquals(List.of(421), RawHttp.exchange(port, "GET /metrics HTTP/1.1\r\nHost: server.attacker.example\r\n\r\n", QUIET).statuses());
    assertEquals(List.of(401), RawHttp.exchange(port, "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", QUIET).statuses(),
        "the event stream needs the token or a login");
    try (RawHttp stream = RawHttp.open(port, "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + token + "\r\n")) {
      assertTrue(stream.readSome(QUIET).startsWith("HTTP/1.1 200"), "with the token it streams");
    }
  }

  @Test
  @DisplayName("ambiguous framing (CL and TE, 'chunked, identity', two TE lines, a tab, gzip, TE in HTTP/1.0) is a 400 and a closed connection; the smuggled request is not answered")
  void ambiguousFramingRefused() {
    String smuggled = "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    String start = "POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("Content-Length and Transfer-Encoding", start + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
    cases.put("chunked, identity", start + "Transfer-Encoding: chunked, identity\r\n\r\n");
    cases.put("two Transfer-Encoding lines", start + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n");
    cases.put("a tab before chunked", start + "Transfer-Encoding:\tchunked\r\n\r\n");
    cases.put("an unknown coding", start + "Transfer-Encoding: gzip\r\n\r\n");
    cases.put("Transfer-Encoding in HTTP/1.0", start.replace("HTTP/1.1", "HTTP/1.0") + "Transfer-Encoding: chunked\r\n\r\n");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      RawHttp.Answer answer = RawHttp.exchange(port, c.getValue() + smuggled, QUIET);
      assertEquals(List.of(400), answer.statuses(), c.getKey() + ": " + answer.text());
      assertTrue(answer.closed(), c.getKey() + ": the connection is closed");
    }
    RawHttp.Answer plain = RawHttp.exchange(port, start + "Transfer-Encoding: chunked\r\n\r\n" + smuggled, QUIET);
    assertEquals(List.of(405, 404), plain.statuses(), "plain chunked framing is read, and the next request answered: " + plain.text());
  }

  @Test
  @DisplayName("200 requests with made-up methods: the method label keeps its bounded set, and the scrape hardly grows")
  void madeUpMethodsDoNotGrowMetrics() {
    String before = HttpGet.get(port, "/metrics").body();
    for (int i = 0; i < 200; i++) {
      RawHttp.Answer answer = RawHttp.exchange(port, "MADEUP" + i + " / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", QUIET);
      assertEquals(1, answer.statuses().size(), answer.text());
    }
    String after = HttpGet.get(port, "/metrics").body();
    Set<String> methods = new TreeSet<>();
    Matcher label = METHOD_LABEL.matcher(after);
    while (label.find()) {
      methods.add(label.group(1));
    }
    assertTrue(METHOD_VALUES.containsAll(methods), "method values: " + methods);
    assertTrue(methods.contains("other"), "made-up methods are counted as 'other': " + methods);
    System.out.printf("metrics: scrape %d bytes before, %d after 200 made-up methods; method values %s%n",
        before.length(), after.length(), methods);
    assertTrue(after.length() - before.length() < 5_000, "the scrape grew from " + before.length() + " to " + after.length() + " bytes");
  }

  @Test
  @DisplayName("20 event streams closed and 10 requests answered before their body: /metrics publishes no negative or stuck active-requests gauge")
  void gaugesStayTrue() {
    String token = "X-Center-Token: " + NodeProcess.TOKEN.value() + "\r\n";
    List<RawHttp> streams = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        RawHttp stream = RawHttp.open(port, "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + token + "\r\n");
        streams.add(stream);
        assertTrue(stream.readSome(QUIET).startsWith("HTTP/1.1 200"), "stream " + i + " open");
      }
    } finally {
      streams.forEach(RawHttp::close);
    }
    for (int i = 0; i < 10; i++) {
      RawHttp.Answer early = RawHttp.exchange(port, "POST /api/command HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + token + "Content-Length: 100000\r\n\r\n{", QUIET);
      assertEquals(List.of(413), early.statuses(), early.text());
    }
    String metrics = HttpGet.get(port, "/metrics").body();
    assertFalse(metrics.contains("vertx_http_server_active_requests"), "the miscounted gauge is left out:\n" + metrics);
    Matcher negative = NEGATIVE_SAMPLE.matcher(metrics);
    assertFalse(negative.find(), "a negative sample: " + (negative.hitEnd() ? "" : negative.group()));
    assertTrue(HttpGet.sample(metrics, "vertxcenter_server_connections") >= 0, metrics);
  }

  private static long filesUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
