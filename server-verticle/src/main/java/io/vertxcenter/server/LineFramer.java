package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a connection's bytes into lines on {@code \n}, however they are split over TCP reads. A
 * line inside one read is handed over in place, as a range of that read's bytes (valid only during
 * the call); only a line cut by the end of a read is copied, into {@code partial}, until its end comes.
 */
final class LineFramer {
  /**
   * The bytes of the read at hand, one array per event loop thread and reused: framing a read is one
   * synchronous call, and a new array per read was the server's main allocation.
   */
  private static final ThreadLocal<byte[]> READ_BYTES = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
  /** Eight bytes at a time, for the search of {@code \n} and the ASCII check (SWAR). */
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long NEWLINES = '\n' * ONES;

  /**
   * Takes each line, without its {@code \n}: {@code length} bytes of {@code bytes} at {@code offset};
   * {@code ascii} is true when all of them are known to be below 0x80 (false: not known).
   */
  interface Lines {
    void line(byte[] bytes, int offset, int length, boolean ascii);
  }

  private final int maxUnterminatedBytes;
  private final Lines lines;
  private Buffer partial = Buffer.buffer();

  LineFramer(int maxUnterminatedBytes, Lines lines) {
    this.maxUnterminatedBytes = maxUnterminatedBytes;
    this.lines = lines;
  }

  /**
   * Hands over the lines the chunk completes; false when the bytes after the last {@code \n} are
   * more than the limit, which is what an unterminated line too long is.
   */
  boolean handle(Buffer chunk) {
    int end = chunk.length();
    byte[] bytes = READ_BYTES.get();
    if (bytes.length < end) {
      bytes = new byte[end];
      READ_BYTES.set(bytes);
    }
    chunk.getBytes(0, end, bytes, 0);
    boolean ascii = isAscii(bytes, end);
    int start = 0;
    for (int newline = indexOfNewline(bytes, 0, end); newline >= 0; newline = indexOfNewline(bytes, start, end)) {
      if (partial.length() == 0) {
        lines.line(bytes, start, newline - start, ascii);
      } else {
        byte[] whole = partial.appendBytes(bytes, start, newline - start).getBytes();
        partial = Buffer.buffer();
        lines.line(whole, 0, whole.length, false);
      }
      start = newline + 1;
    }
    if (partial.length() + end - start > maxUnterminatedBytes) {
      return false;
    }
    partial.appendBytes(bytes, start, end - start);
    return true;
  }

  /**
   * The stream has ended: hands over the bytes after the last {@code \n}, if any, as its last line
   * (as a file's last line without a newline is still a line). Framing may not go on after it.
   */
  void finish() {
    if (partial.length() > 0) {
      byte[] last = partial.getBytes();
      partial = Buffer.buffer();
      lines.line(last, 0, last.length, false);
    }
  }

  /** The index of the first {@code \n} in {@code bytes[from..end)}, or -1. */
  static int indexOfNewline(byte[] bytes, int from, int end) {
    int i = from;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      long word = (long) WORDS.get(bytes, i) ^ NEWLINES; // a zero byte where a '\n' was
      long zeros = (word - ONES) & ~word & HIGH_BITS; // the lowest set bit marks the first zero byte
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < end; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Whether the first {@code end} bytes are all below 0x80. */
  static boolean isAscii(byte[] bytes, int end) {
    long seen = 0;
    int i = 0;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      seen |= (long) WORDS.get(bytes, i);
    }
    for (; i < end; i++) {
      seen |= bytes[i];
    }
    return (seen & HIGH_BITS) == 0;
  }
}
