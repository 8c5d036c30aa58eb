package io.vertxcenter.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;

/**
 * Test support: a blocking TCP connection to a port on 127.0.0.1 (java.net.Socket, no Vert.x, no
 * delay on small writes), the base of the test clients that speak a wire format by hand.
 */
public abstract class PlainSocket implements AutoCloseable {
  protected final Socket socket;
  protected final InputStream in;
  protected final OutputStream out;

  /** Connects to {@code port}; an I/O error is thrown unchecked. */
  public PlainSocket(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes these bytes as they are, at once. */
  public void write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do with a socket we are done with
    }
  }
}
