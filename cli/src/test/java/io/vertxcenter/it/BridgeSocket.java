package io.vertxcenter.it;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Test support: a raw client of the CLI bridge's wire format (4-byte big-endian length, then JSON),
 * for sending what the CLI never would.
 */
public final class BridgeSocket extends PlainSocket {
  private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(20);
  private final DataInputStream frames = new DataInputStream(in);

  /** Connects to the bridge on {@code port} and reads its hello, as every client must before it sends; fails without one. */
  public BridgeSocket(int port) {
    super(port);
    JsonObject hello = next(HELLO_TIMEOUT).orElseThrow(() -> new AssertionError("the bridge closed the connection without a hello"));
    if (!hello.equals(BridgeProtocol.hello())) {
      throw new AssertionError("expected the bridge's hello first, got " + hello.encode());
    }
  }

  /** Sends one frame with this JSON. */
  public BridgeSocket send(JsonObject frame) {
    return sendRaw(frame(frame));
  }

  /** The bytes of one frame with this JSON: its length, then the JSON. */
  public static byte[] frame(JsonObject json) {
    byte[] body = json.encode().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  /** Sends these bytes as they are. */
  public BridgeSocket sendRaw(byte[] bytes) {
    write(bytes);
    return this;
  }

  /**
   * The next frame, or empty when the bridge closed the connection; fails when neither happens
   * within {@code timeout}.
   */
  public Optional<JsonObject> next(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      int length = frames.readInt();
      byte[] json = new byte[length];
      frames.readFully(json);
      return Optional.of(new JsonObject(new String(json, StandardCharsets.UTF_8)));
    } catch (EOFException | SocketException closed) {
      return Optional.empty();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the bridge neither answered nor closed within " + timeout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the bridge to close the connection, failing on any frame or after {@code timeout}. */
  public void awaitClosed(Duration timeout) {
    next(timeout).ifPresent(frame -> {
      throw new AssertionError("expected the connection closed, got " + frame.encode());
    });
  }

  public OutputStream output() {
    return out;
  }

  /** What the bridge sends, after its hello, unread. */
  public InputStream input() {
    return in;
  }
}
