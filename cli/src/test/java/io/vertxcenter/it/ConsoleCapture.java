package io.vertxcenter.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Test support: copies everything this JVM writes to {@code System.out} and {@code System.err},
 * while it is open, into a buffer (still writing it through), so a test can read what a role in this
 * JVM printed on the node's console. {@link #close()} puts the original streams back.
 */
public final class ConsoleCapture implements AutoCloseable {
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  public ConsoleCapture() {
    System.setOut(tee(out));
    System.setErr(tee(err));
  }

  /** What was printed since this capture began, both streams in the order written (UTF-8). */
  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  /** How many times {@code text} was printed so far. */
  public int count(String text) {
    String printed = text();
    int count = 0;
    for (int at = printed.indexOf(text); at >= 0; at = printed.indexOf(text, at + text.length())) {
      count++;
    }
    return count;
  }

  @Override
  public void close() {
    System.setOut(out);
    System.setErr(err);
  }

  private PrintStream tee(PrintStream original) {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (captured) {
          captured.write(bytes, offset, length);
        }
        original.write(bytes, offset, length);
      }

      @Override
      public void flush() {
        original.flush();
      }
    }, true, StandardCharsets.UTF_8);
  }
}
