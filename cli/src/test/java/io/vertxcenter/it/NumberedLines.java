package io.vertxcenter.it;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Test support: sends numbered lines {@code n-1}, {@code n-2}, … on one plain TCP connection to a
 * server, at a steady rate (lines a second, in 100 ticks a second), from a thread of its own, until
 * {@link #close()}; {@link #sent()} says how many went out. What is counted at the far end is
 * {@link ShownLines}'s job.
 */
public final class NumberedLines implements AutoCloseable {
  public static final String PREFIX = "n-";
  private final LineSocket socket;
  private final int perSecond;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long sent;
  private volatile RuntimeException failure;

  /** Starts sending {@code perSecond} lines a second (100 or more) to the server on {@code port}. */
  public NumberedLines(int port, int perSecond) {
    this.socket = LineSocket.greeted(port);
    this.perSecond = perSecond;
    this.thread = new Thread(this::run, "numbered-lines");
    thread.setDaemon(true);
    thread.start();
  }

  /** How many lines were sent so far. */
  public long sent() {
    return sent;
  }

  /** Stops sending, closes the connection and returns how many lines were sent; throws what the sending threw. */
  public long stop() {
    stopped = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    socket.close();
    if (failure != null) {
      throw failure;
    }
    return sent;
  }

  @Override
  public void close() {
    if (!stopped) {
      stop();
    }
  }

  private void run() {
    int perTick = perSecond / 100;
    long tickNanos = TimeUnit.MILLISECONDS.toNanos(10);
    long next = System.nanoTime();
    StringBuilder lines = new StringBuilder();
    try {
      while (!stopped) {
        lines.setLength(0);
        for (int i = 0; i < perTick; i++) {
          lines.append(PREFIX).append(sent + i + 1).append('\n');
        }
        socket.send(lines.toString());
        sent += perTick;
        next += tickNanos;
        LockSupport.parkNanos(next - System.nanoTime()); // the pace of the load, not a wait for a condition
      }
    } catch (RuntimeException e) {
      failure = e;
    }
  }
}
