package io.vertxcenter.it;

import io.vertxcenter.common.LineProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test support: a plain TCP client of the VertxCenter server (java.net.Socket, no Vert.x), reading the greeting first. */
public final class LineSocket extends PlainSocket {
  private static final int READ_TIMEOUT_MS = 30_000;

  private LineSocket(int port) {
    super(port);
    try {
      socket.setSoTimeout(READ_TIMEOUT_MS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connects, leaving the first line (the greeting, or an error) to read. */
  public static LineSocket connect(int port) {
    return new LineSocket(port);
  }

  /** Connects and checks the greeting. */
  public static LineSocket greeted(int port) {
    LineSocket socket = connect(port);
    String first = socket.readLine();
    if (!LineProtocol.GREETING.equals(first)) {
      throw new AssertionError("expected the greeting, got '" + first + "'");
    }
    return socket;
  }

  public LineSocket send(byte[] bytes) {
    write(bytes);
    return this;
  }

  public LineSocket send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next line the server sent, or null at end of stream. */
  public String readLine() {
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server closed the connection (end of stream, or reset), waiting up to the read timeout. */
  public boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }
}
