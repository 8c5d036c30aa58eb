package io.vertxcenter.launcher;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
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
final class BridgeSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  BridgeSocket(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one frame with this JSON. */
  BridgeSocket send(JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    return sendRaw(ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array());
  }

  /** Sends these bytes as they are. */
  BridgeSocket sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The next frame, or empty when the bridge closed the connection; fails when neither happens
   * within {@code timeout}.
   */
  Optional<JsonObject> next(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      int length = in.readInt();
      byte[] json = new byte[length];
      in.readFully(json);
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
  void awaitClosed(Duration timeout) {
    next(timeout).ifPresent(frame -> {
      throw new AssertionError("expected the connection closed, got " + frame.encode());
    });
  }

  OutputStream output() {
    return out;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // done with it
    }
  }
}
