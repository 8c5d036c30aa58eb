package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;

/**
 * Splits a connection's bytes into lines on {@code \n}, however they are split over TCP reads. A
 * line inside one read is handed over in place, as a range of that read's bytes; only a line cut by
 * the end of a read is copied, into {@code partial}, until its end comes.
 */
final class LineFramer {
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
    byte[] bytes = chunk.getBytes();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
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
    if (partial.length() + bytes.length - start > maxUnterminatedBytes) {
      return false;
    }
    partial.appendBytes(bytes, start, bytes.length - start);
    return true;
  }
}
