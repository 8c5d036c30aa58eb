package io.vertxcenter.it;

import io.vertxcenter.common.LineProtocol;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test support: one client of the server's ack port, in Jepsen's terms. It writes numbered lines
 * {@code ack <connection>-<n>} as fast as the socket takes them until the connection fails or it is
 * told to finish (then it half-closes and waits for the last ACK), and reads the server's
 * {@code ACK <n>} lines: {@link #attempted()} lines were written (handed to the socket, whatever
 * became of them), {@link #acknowledged()} is the highest ACK read.
 */
public final class AckWriter {
  private final int connection;
  private final AtomicLong attempted = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final Thread writer;
  private volatile boolean finish;

  /** Connects to {@code port} on 127.0.0.1 and starts writing at once, on threads of its own. */
  public AckWriter(int port, int connection) {
    this.connection = connection;
    this.writer = new Thread(() -> run(port), "ack-writer-" + connection);
    writer.setDaemon(true);
    writer.start();
  }

  /** Lines written to the socket (acknowledged or not). */
  public long attempted() {
    return attempted.get();
  }

  /** The highest {@code ACK <n>} the server sent: lines 1..n of this connection are durable. */
  public long acknowledged() {
    return acknowledged.get();
  }

  public int connection() {
    return connection;
  }

  /** Stops writing, half-closes, and waits (at most {@code millis}) for the server's last ACK and close. */
  public void finish(long millis) throws InterruptedException {
    finish = true;
    writer.join(millis);
  }

  /** Waits (at most {@code millis}) until the connection ended: the server closed it or it failed. */
  public void awaitEnd(long millis) throws InterruptedException {
    writer.join(millis);
  }

  private void run(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      if (!LineProtocol.GREETING.equals(in.readLine())) {
        throw new IOException("no greeting");
      }
      Thread reader = new Thread(() -> readAcks(in), "ack-reader-" + connection);
      reader.setDaemon(true);
      reader.start();
      try {
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        long n = 0;
        while (!finish) {
          out.write(("ack " + connection + "-" + (++n) + "\n").getBytes(StandardCharsets.US_ASCII));
          attempted.set(n);
        }
        out.flush();
        socket.shutdownOutput();
      } catch (IOException writeFailed) {
        // the server closed the connection or died: its last ACK may still be on the way
      }
      reader.join(60_000);
    } catch (IOException | InterruptedException ended) {
      // the server died or closed the connection: what was acknowledged is final
    }
  }

  private void readAcks(BufferedReader in) {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("ACK ")) {
          acknowledged.accumulateAndGet(Long.parseLong(line.substring(4)), Math::max);
        }
      }
    } catch (IOException ended) {
      // closed
    }
  }
}
