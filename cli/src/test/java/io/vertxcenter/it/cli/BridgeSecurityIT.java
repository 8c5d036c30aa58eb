package io.vertxcenter.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.BridgeSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI bridge of a real node as an attacker or a broken client meets it: every frame needs the
 * cluster token, and no bytes make it hang, buffer without bound or stop serving. The node is given
 * no token, so it makes one in its {@code $CENTER_HOME/token}, which the CLI then uses by itself.
 */
class BridgeSecurityIT {
  private static final Duration PROMPT = Duration.ofSeconds(1);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path home;
  private static final TestCluster CLUSTER = new TestCluster();
  private static NodeProcess node;
  private static int bridgePort;
  private static String token;

  @BeforeAll
  static void startNode() throws IOException {
    TestCluster.Node server = CLUSTER.node("server", Role.SERVER).withBridge().withEnv(noTokenEnv().toArray(String[]::new));
    bridgePort = server.bridgePort();
    node = server.start().awaitReady();
    token = Files.readString(home.resolve("token")).trim();
  }

  @AfterAll
  static void stopNode() {
    CLUSTER.close();
  }

  @Test
  @DisplayName("a node given no token makes one in $CENTER_HOME/token (0600, 256 bits), and the CLI uses it by itself")
  void tokenFromHome() throws IOException {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("token"))));
    assertTrue(token.matches("[0-9a-f]{64}"), "64 hex digits");

    NodeProcess.Result status = cli(noTokenEnv(), "server", "status", "--json");
    assertEquals(0, status.exitCode(), status.output());
    assertTrue(status.json().getJsonArray("nodes").getJsonObject(0).getBoolean("listening"), status.output());

    NodeProcess.Result otherHome = cli(List.of("CENTER_HOME=" + home.resolve("elsewhere"), "CENTER_TOKEN="), "server", "status");
    assertEquals(2, otherHome.exitCode(), otherHome.output());
    assertTrue(otherHome.output().contains("refused the request: missing or wrong cluster token"), otherHome.output());
  }

  @Test
  @DisplayName("'center shell --token-file F' runs every command of the shell with the token in F")
  void shellTokenFile() throws Exception {
    Path tokenFile = home.resolve("shell-token");
    Files.writeString(tokenFile, token + "\n");
    List<String> elsewhere = List.of("CENTER_HOME=" + home.resolve("elsewhere-shell"), "CENTER_TOKEN=");
    try (NodeProcess shell = NodeProcess.start("shell", List.of("shell", "--cluster", "127.0.0.1:" + bridgePort,
        "--token-file", tokenFile.toString()), elsewhere)) {
      try (OutputStream stdin = shell.process().getOutputStream()) {
        stdin.write("server status --json\nexit\n".getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(shell.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS), shell.output());
      assertTrue(shell.output().contains("\"listening\" : true"), shell.output());
      assertFalse(shell.output().contains("cluster token"), shell.output());
    }
  }

  @Test
  @DisplayName("a frame without the token or with a wrong one gets access_denied, is counted, and stops nothing")
  void refusedWithoutToken() {
    long deniedBefore = bridgeStatus().getLong("accessDenied");
    JsonObject stop = new JsonObject().put("type", "send").put("address", "center.server").put("replyAddress", "r1")
        .put("body", new JsonObject().put("action", "stop").put("args", new JsonObject()));
    for (JsonObject headers : List.of(new JsonObject(), new JsonObject().put("token", "f".repeat(64)),
        new JsonObject().put("token", token.substring(0, 63)))) {
      try (BridgeSocket socket = new BridgeSocket(bridgePort)) {
        JsonObject err = socket.send(stop.copy().put("headers", headers)).next(PROMPT).orElseThrow();
        assertEquals("err", err.getString("type"), err.encode());
        assertEquals("access_denied", err.getString("message"), err.encode());
        socket.awaitClosed(PROMPT);
      }
    }
    assertEquals(deniedBefore + 3, bridgeStatus().getLong("accessDenied"));
    JsonObject server = request("center.server", "status");
    assertTrue(server.getBoolean("listening"), "the server still runs: " + server.encode());
  }

  @Test
  @DisplayName("each malformed frame is answered with an err frame and closed within 1 s; the node goes on serving")
  void malformedFrames() {
    JsonObject headers = new JsonObject().put("token", token);
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put("unknown type", frame(new JsonObject().put("type", "bogus").put("address", "center.server").put("headers", headers)));
    cases.put("missing type", frame(new JsonObject().put("address", "center.server").put("headers", headers)));
    cases.put("timeout header as a string", frame(new JsonObject().put("type", "send").put("address", "center.cluster")
        .put("replyAddress", "r1").put("headers", headers.copy().put("timeout", "soon")).put("body", new JsonObject())));
    cases.put("headers not an object", frame("{\"type\":\"ping\",\"headers\":[1]}"));
    cases.put("not JSON", frame("{{{{"));
    cases.put("a JSON array", frame("[1,2]"));
    cases.put("negative length", ByteBuffer.allocate(4).putInt(-5).array());
    cases.put("no address", frame(new JsonObject().put("type", "send").put("headers", headers).put("body", new JsonObject())));
    // the first one loads the classes of the error path: not timed
    try (BridgeSocket warmUp = new BridgeSocket(bridgePort)) {
      warmUp.sendRaw(cases.get("unknown type")).next(COMMAND_TIMEOUT);
    }
    long malformedBefore = bridgeStatus().getLong("malformed");
    cases.forEach((name, bytes) -> {
      try (BridgeSocket socket = new BridgeSocket(bridgePort)) {
        socket.sendRaw(bytes);
        JsonObject err = socket.next(PROMPT).orElseThrow(() -> new AssertionError(name + ": closed without an err frame"));
        assertEquals("err", err.getString("type"), name + ": " + err.encode());
        socket.awaitClosed(PROMPT);
      }
    });
    assertEquals(malformedBefore + cases.size(), bridgeStatus().getLong("malformed"));

    for (Object body : List.of("stop", List.of(1, 2), 42)) {
      try (BridgeSocket socket = new BridgeSocket(bridgePort)) {
        JsonObject err = socket.send(new JsonObject().put("type", "send").put("address", "center.cluster").put("replyAddress", "r2")
            .put("headers", headers).put("body", body)).next(PROMPT).orElseThrow();
        assertEquals(400, err.getInteger("failureCode"), err.encode());
        assertEquals("r2", err.getString("address"), err.encode());
        JsonObject pong = socket.send(new JsonObject().put("type", "ping").put("headers", headers)).next(PROMPT).orElseThrow();
        assertEquals("pong", pong.getString("type"), "the connection still serves after a 400");
      }
    }
    assertTrue(request("center.server", "status").getBoolean("listening"));
  }

  @Test
  @DisplayName("a frame announcing 128 MiB is closed before its body is read: < 2 MiB read, RSS growth < 16 MiB")
  void hugeFrame() throws Exception {
    long readBefore = procIo("rchar");
    long rssBefore = rssBytes();
    try (BridgeSocket socket = new BridgeSocket(bridgePort)) {
      CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
        long sent = 0;
        try {
          socket.output().write(ByteBuffer.allocate(4).putInt(128 * 1024 * 1024).array());
          byte[] chunk = new byte[64 * 1024];
          while (sent < 128L * 1024 * 1024) {
            socket.output().write(chunk);
            sent += chunk.length;
          }
        } catch (IOException closed) {
          // the bridge closed the connection: what we want
        }
        return sent;
      });
      socket.next(Duration.ofSeconds(10)).ifPresent(err -> assertEquals("frame_too_large", err.getString("message")));
      socket.awaitClosed(Duration.ofSeconds(10));
      socket.close();
      written.get(30, TimeUnit.SECONDS);
    }
    long read = procIo("rchar") - readBefore;
    long grown = rssBytes() - rssBefore;
    assertTrue(read < 2L * 1024 * 1024, "the node read " + read + " bytes");
    assertTrue(grown < 16L * 1024 * 1024, "the node's RSS grew by " + grown + " bytes");
    assertTrue(bridgeStatus().getLong("oversized") >= 1);
    assertTrue(request("center.server", "status").getBoolean("listening"));
  }

  /** A request over a fresh connection with the token; fails unless answered with a message frame. */
  private static JsonObject request(String address, String action) {
    try (BridgeSocket socket = new BridgeSocket(bridgePort)) {
      JsonObject reply = socket.send(new JsonObject().put("type", "send").put("address", address).put("replyAddress", "r")
              .put("headers", new JsonObject().put("token", token).put("timeout", 10_000))
              .put("body", new JsonObject().put("action", action).put("args", new JsonObject())))
          .next(COMMAND_TIMEOUT).orElseThrow();
      assertEquals("message", reply.getString("type"), reply.encode());
      return reply.getJsonObject("body");
    }
  }

  private static JsonObject bridgeStatus() {
    String nodeId = request("center.cluster", "status").getJsonArray("nodes").getJsonObject(0).getString("id");
    return request("center.node." + nodeId + ".bridge", "status");
  }

  private static List<String> noTokenEnv() {
    return List.of("CENTER_HOME=" + home, "CENTER_TOKEN=");
  }

  private static NodeProcess.Result cli(List<String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--cluster", "127.0.0.1:" + bridgePort));
    return NodeProcess.run(command, env, COMMAND_TIMEOUT);
  }

  private static byte[] frame(JsonObject json) {
    return frame(json.encode());
  }

  private static byte[] frame(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
  }

  private static long procIo(String key) {
    return procField("/proc/" + node.pid() + "/io", key + ":");
  }

  private static long rssBytes() {
    return procField("/proc/" + node.pid() + "/status", "VmRSS:") * 1024;
  }

  private static long procField(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
          .map(line -> Long.parseLong(line.substring(key.length()).replace("kB", "").trim()))
          .findFirst().orElseThrow(() -> new AssertionError(key + " not in " + file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
