package io.vertxcenter.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.LineProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CLI sends nothing, the token least of all, to a peer that did not greet it as a bridge does. */
class NotABridgeTest {
  private static final ClusterToken TOKEN = ClusterToken.of("not-a-bridge-test-token-0123456789abcdef");

  @Test
  @DisplayName("a peer that greets with a line of text (the data port) gets nothing, and the error says what it is")
  void lineOfText() throws Exception {
    Peer peer = peer((LineProtocol.GREETING + "\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(peer.address() + " is not a VertxCenter bridge (it greeted with a line of text: is that the server's data port? "
        + "the CLI bridge is 7000 and up, see 'cluster status')", refusedBy(peer, CliException.USAGE));
  }

  @Test
  @DisplayName("a peer that sends a frame other than the hello gets nothing")
  void otherFrame() throws Exception {
    String error = refusedBy(peer(BridgeProtocol.encode(new JsonObject().put("type", "pong")).getBytes()), CliException.USAGE);
    assertTrue(error.contains("is not a VertxCenter bridge (its first frame is no VertxCenter hello"), error);
  }

  @Test
  @DisplayName("a peer that says nothing gets nothing: no hello in time")
  void silent() throws Exception {
    String error = refusedBy(peer(new byte[0]), CliException.UNREACHABLE);
    assertTrue(error.contains("(no hello within 4.0 s: a frozen node, or no VertxCenter bridge)"), error);
  }

  @Test
  @DisplayName("a bridge of another protocol version gets nothing")
  void otherVersion() throws Exception {
    String error = refusedBy(peer(BridgeProtocol.encode(BridgeProtocol.hello().put(BridgeProtocol.VERSION_FIELD, 99)).getBytes()),
        CliException.USAGE);
    assertTrue(error.contains("(it speaks bridge protocol version 99, this CLI version 1"), error);
  }

  /** The error of opening a connection to {@code peer}, which must exit with {@code exit} and send the peer nothing. */
  private static String refusedBy(Peer peer, int exit) throws Exception {
    CliException error = assertThrows(CliException.class, () -> ClusterConnection.open(List.of(peer.address()), TOKEN));
    assertEquals(exit, error.exitCode(), error.getMessage());
    assertEquals("", peer.received(), "what the peer received");
    return error.getMessage();
  }

  /** A peer listening on a free port that writes {@code greeting} to its one connection, then records what it receives until the client closes. */
  private record Peer(String address, CompletableFuture<String> receivedBytes) {
    String received() throws Exception {
      return receivedBytes.get(20, TimeUnit.SECONDS);
    }
  }

  private static Peer peer(byte[] greeting) throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CompletableFuture<String> received = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try (server; Socket socket = server.accept()) {
        socket.getOutputStream().write(greeting);
        socket.getOutputStream().flush();
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        received.complete(bytes.toString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        received.completeExceptionally(e);
      }
    });
    thread.setDaemon(true);
    thread.start();
    return new Peer("127.0.0.1:" + server.getLocalPort(), received);
  }
}
