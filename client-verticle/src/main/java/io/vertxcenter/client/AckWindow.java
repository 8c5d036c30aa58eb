package io.vertxcenter.client;

import io.vertx.core.buffer.Buffer;
import io.vertxcenter.common.LineProtocol;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The lines one load connection sent to an acknowledging port that the server has not acknowledged
 * yet, oldest first, bounded by {@link #MAX_BYTES}: the connection sends no new line while the bound
 * is reached (back-pressure) and sends all of them again, the same bytes and numbers, on its next
 * connection. Every server connection counts its lines from 0, so an {@code ACK <n>} counts the lines
 * written on the current connection, resent ones first. Owned by the connection's event loop.
 */
final class AckWindow {
  /**
   * Bytes of unacknowledged lines one connection may hold: 16 MiB is ~160,000 lines of the default
   * 100 bytes, over 100 ms of acknowledgements at the fastest rate measured here, and 255 lines of
   * the largest (64 KiB).
   */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  /** Whole lines sent in one write, and how many. */
  private record Chunk(Buffer bytes, int lines) {}

  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  private final long maxBytes;
  private long bytes;
  private long lines;
  /** Lines written on the current connection, resent ones included. */
  private long written;
  /** The last {@code ACK <n>} of the current connection. */
  private long acked;

  AckWindow() {
    this(MAX_BYTES);
  }

  /** @param maxBytes the bound on unacknowledged bytes, at least one line's */
  AckWindow(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** A new connection: its {@code ACK} count starts at 0; returns what to write on it first (every unacknowledged line). */
  List<Buffer> reconnected() {
    written = lines;
    acked = 0;
    return chunks.stream().map(Chunk::bytes).toList();
  }

  /** Unacknowledged lines held. */
  long lines() {
    return lines;
  }

  /** How many new lines of {@code lineBytes} bytes each (newline included) may be sent before the bound is reached; 0 while it is. */
  int room(int lineBytes) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, maxBytes - bytes) / lineBytes);
  }

  /** {@code chunk}, {@code count} whole lines, was written on the current connection. */
  void sent(Buffer chunk, int count) {
    chunks.addLast(new Chunk(chunk, count));
    bytes += chunk.length();
    lines += count;
    written += count;
  }

  /**
   * Reads one line the server wrote after its greeting.
   *
   * @return how many more lines it acknowledges (0 or more); they are dropped from the window
   * @throws IllegalArgumentException (message: what was wrong, for a reason naming the server) if the
   *     line is not {@code ACK <n>}, or n goes down, or n counts more lines than were written
   */
  long acknowledge(String line) {
    long n = count(line);
    if (n < acked) {
      throw new IllegalArgumentException("it acknowledged " + n + " lines after " + acked);
    }
    if (n > written) {
      throw new IllegalArgumentException("it acknowledged " + n + " lines when " + written + " were sent");
    }
    long more = n - acked;
    acked = n;
    drop(more);
    return more;
  }

  /** The n of an {@code ACK <n>} line. */
  private static long count(String line) {
    if (line.startsWith(LineProtocol.ACK_PREFIX)) {
      String digits = line.substring(LineProtocol.ACK_PREFIX.length());
      if (!digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Long.parseLong(digits);
      }
    }
    throw new IllegalArgumentException("it sent a line that is not 'ACK <n>'");
  }

  /** Drops the oldest {@code count} lines, cutting the oldest chunk after its last acknowledged line if need be. */
  private void drop(long count) {
    long left = count;
    while (left > 0) {
      Chunk head = chunks.removeFirst();
      bytes -= head.bytes().length();
      lines -= head.lines();
      if (head.lines() > left) {
        Buffer rest = head.bytes().slice(afterLine(head.bytes(), (int) left), head.bytes().length());
        chunks.addFirst(new Chunk(rest, head.lines() - (int) left));
        bytes += rest.length();
        lines += head.lines() - left;
      }
      left -= Math.min(left, head.lines());
    }
  }

  /** The offset just after the {@code n}th newline of {@code bytes} (n at least 1, and no more than its lines). */
  private static int afterLine(Buffer bytes, int n) {
    int seen = 0;
    for (int i = 0; i < bytes.length(); i++) {
      if (bytes.getByte(i) == '\n' && ++seen == n) {
        return i + 1;
      }
    }
    throw new IllegalStateException("a chunk holds fewer than " + n + " lines");
  }
}
