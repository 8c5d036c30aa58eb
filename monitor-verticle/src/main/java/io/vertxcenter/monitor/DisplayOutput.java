package io.vertxcenter.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The monitor's console on a stream it writes itself and checks (standard output in a node), not
 * through the logging framework, whose failed appends nobody hears of: each line is gathered, as
 * {@code HH:mm:ss.SSS INFO monitor - <text>} (the form the node's log lines have), and
 * {@link #flush()} writes what was gathered and flushes the stream, or throws what the write threw
 * (disk full, read-only file, closed pipe). The monitor flushes before it acknowledges a batch.
 * What was gathered is dropped either way: after a failure the batch is sent again and gathered
 * anew. A batch's output is also written once it passes {@link #WRITE_AT_BYTES}, so memory stays
 * bounded whatever it prints. Runs on the monitor's event loop.
 *
 * <p>Each write holds the locks of {@code System.out} and {@code System.err} (taken when it is made),
 * the streams the logger and the rest of the node print on: standard output and standard error
 * often go to one file or pipe ({@code center up}'s node logs, the tests), where a log line written
 * in the middle of a display write of more than a pipe's atomic 4 KiB would cut a line in two.
 */
final class DisplayOutput implements MessagePrinter.Console {
  static final int WRITE_AT_BYTES = 256 * 1024;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final OutputStream out;
  private final Object standardOut = System.out;
  private final Object standardErr = System.err;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(8 * 1024);
  private long prefixMillis = -1;
  private String time;
  /** A write that failed while gathering, thrown by the next {@link #flush()}. */
  private IOException failed;

  /** A console that writes to {@code out}. */
  DisplayOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void info(String text) {
    gather(" INFO monitor - ", text);
  }

  @Override
  public void error(String text) {
    gather(" ERROR monitor - ", text);
  }

  /** Writes and flushes what was gathered; throws the write's failure. What was gathered is dropped either way. */
  @Override
  public void flush() throws IOException {
    try {
      if (failed != null) {
        throw failed;
      }
      if (pending.size() > 0) {
        write();
        out.flush();
      }
    } finally {
      pending.reset();
      failed = null;
    }
  }

  private void write() throws IOException {
    synchronized (standardOut) {
      synchronized (standardErr) {
        pending.writeTo(out);
      }
    }
  }

  private void gather(String level, String text) {
    long now = System.currentTimeMillis();
    if (now != prefixMillis) {
      prefixMillis = now;
      time = LocalTime.now().format(TIME);
    }
    byte[] line = (time + level + text + "\n").getBytes(StandardCharsets.UTF_8);
    pending.write(line, 0, line.length);
    if (pending.size() >= WRITE_AT_BYTES && failed == null) {
      try {
        write();
      } catch (IOException e) {
        failed = e;
      }
      pending.reset();
    }
  }
}
