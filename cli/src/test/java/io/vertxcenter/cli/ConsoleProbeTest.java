package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.LineProtocol;
import io.vertxcenter.connect.CliException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code center console --http ADDRESS} sends the token only to a VertxCenter node: first a GET of
 * /health without it; a peer that is something else gets an error line naming it, the peer's text
 * shown escaped, and never the token.
 */
class ConsoleProbeTest {
  private static final String TOKEN = "console-probe-test-token-0123456789abcdef";

  @TempDir
  Path dir;

  @Test
  @DisplayName("the data port (a greeting line, then nothing HTTP): not a node's HTTP port, no token sent")
  void dataPort() throws Exception {
    try (Peer peer = new Peer(request -> LineProtocol.GREETING + "\n")) {
      CliException error = assertThrows(CliException.class, () -> console(peer));
      assertEquals(CliException.USAGE, error.exitCode(), error.getMessage());
      assertTrue(error.getMessage().startsWith(peer.address() + " is not a VertxCenter node's HTTP port ("), error.getMessage());
      assertFalse(peer.received().contains(TOKEN), peer.received());
    }
  }

  @Test
  @DisplayName("an HTTP server whose /health is not a node's: refused before the POST, its answer shown escaped")
  void otherHttpServer() throws Exception {
    String body = "{\"status\":\"UP\"}\u0000\u001b[2J";
    try (Peer peer = new Peer(request -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body)) {
      CliException error = assertThrows(CliException.class, () -> console(peer));
      assertEquals(CliException.USAGE, error.exitCode(), error.getMessage());
      assertEquals(peer.address() + " is not a VertxCenter node's HTTP port (its /health answered HTTP 200 {\"status\":\"UP\"}\\x00\\x1b[2J): "
          + "give the node's HTTP address with --http HOST:PORT, as 'cluster status' shows it", error.getMessage());
      assertFalse(peer.received().contains("POST"), peer.received());
      assertFalse(peer.received().contains(TOKEN), peer.received());
    }
  }

  @Test
  @DisplayName("a bridge (binary frames, NUL bytes): no token sent, and no raw control character in the error")
  void bridgePort() throws Exception {
    String frame = BridgeProtocol.encode(BridgeProtocol.hello()).toString(StandardCharsets.ISO_8859_1);
    try (Peer peer = new Peer(request -> frame)) {
      CliException error = assertThrows(CliException.class, () -> console(peer));
      assertTrue(error.getMessage().contains(" is not a VertxCenter node's HTTP port ("), error.getMessage());
      assertFalse(error.getMessage().chars().anyMatch(c -> c < 0x20), error.getMessage());
      assertFalse(peer.received().contains(TOKEN), peer.received());
    }
  }

  private void console(Peer peer) throws IOException {
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    ConsoleCommand command = new ConsoleCommand();
    new CommandLine(command).parseArgs("--http", peer.address(), "--token-file", tokenFile.toString());
    command.call();
  }

  /** A peer on a free loopback port: reads each request's head, writes {@code answer}'s reply to it, closes; keeps what it received. */
  private static final class Peer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    Peer(Function<String, String> answer) throws IOException {
      Thread thread = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket socket = server.accept()) {
            socket.setSoTimeout(20_000);
            String head = head(socket.getInputStream());
            socket.getOutputStream().write(answer.apply(head).getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
          } catch (IOException closed) {
            // the test is over, or the client gave up on this connection
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    /** The request's bytes up to its blank line (or as many as came before the client closed). */
    private String head(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int b;
      while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
        head.append((char) b);
        synchronized (received) {
          received.write(b);
        }
      }
      return head.toString();
    }

    String address() {
      return "127.0.0.1:" + server.getLocalPort();
    }

    String received() {
      synchronized (received) {
        return received.toString(StandardCharsets.ISO_8859_1);
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
