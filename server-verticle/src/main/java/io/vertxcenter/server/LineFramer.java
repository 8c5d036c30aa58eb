package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;

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

  /** Takes each line, without its {@code \n}: {@code length} bytes of {@code bytes} at {@code offset}. */
  interface Lines {
    void line(byte[] bytes, int offset, int length);
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
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        if (partial.length() == 0) {
          lines.line(bytes, start, i - start);
        } else {
          byte[] whole = partial.appendBytes(bytes, start, i - start).getBytes();
          partial = Buffer.buffer();
          lines.line(whole, 0, whole.length);
        }
        start = i + 1;
      }
    }
    if (partial.length() + end - start > maxUnterminatedBytes) {
      return false;
    }
    partial.appendBytes(bytes, start, end - start);
    return true;
  }
}
