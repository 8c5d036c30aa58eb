package io.vertxcenter.connect;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.BridgeProtocol.Answer;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.connect.BridgeClient.NotABridge;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the hello a bridge writes first on every connection ({@link BridgeProtocol#hello()}) and
 * says what the peer is when it wrote something else: a client sends nothing, and so never the
 * cluster token, until this returned.
 */
final class BridgeHello {
  private static final int SHOWN_CHARACTERS = 60;

  private BridgeHello() {}

  /**
   * Reads the hello from {@code in}, whose socket's read timeout bounds the wait.
   *
   * @throws NotABridge                      when the first bytes are not a hello of this protocol and version,
   *                                         its message saying what they were, in words
   * @throws java.net.SocketTimeoutException when nothing came before the socket's read timeout
   */
  static void read(DataInputStream in) throws IOException {
    byte[] head = in.readNBytes(BridgeProtocol.LENGTH_BYTES);
    if (head.length == 0) {
      throw new NotABridge("it closed the connection without a word");
    }
    int length = head.length < BridgeProtocol.LENGTH_BYTES ? -1
        : ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
    if (length < 1 || length > BridgeProtocol.MAX_HELLO_BYTES) {
      throw new NotABridge(text(head)
          ? "it greeted with a line of text: is that the server's data port? the CLI bridge is 7000 and up, see 'cluster status'"
          : "its first bytes are no bridge frame");
    }
    byte[] json = in.readNBytes(length);
    if (json.length < length) {
      throw new EOFException("the peer closed the connection mid-hello");
    }
    JsonObject hello;
    try {
      hello = new JsonObject(new String(json, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new NotABridge("its first frame is not JSON");
    }
    if (!Answer.HELLO.is(hello) || !BridgeProtocol.PROTOCOL_NAME.equals(hello.getValue(BridgeProtocol.PROTOCOL))) {
      throw new NotABridge("its first frame is no VertxCenter hello: "
          + ControlCharacters.shown(hello.encode(), SHOWN_CHARACTERS));
    }
    Object version = hello.getValue(BridgeProtocol.VERSION_FIELD);
    if (!Integer.valueOf(BridgeProtocol.VERSION).equals(version)) {
      throw new NotABridge("it speaks bridge protocol version " + ControlCharacters.shown(String.valueOf(version), SHOWN_CHARACTERS)
          + ", this CLI version " + BridgeProtocol.VERSION + ": use a CLI of the cluster's release");
    }
  }

  /** Whether {@code bytes} are printable ASCII (a line of text, say), not a frame length. */
  private static boolean text(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x20 && b != '\r' && b != '\n' && b != '\t' || b == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
