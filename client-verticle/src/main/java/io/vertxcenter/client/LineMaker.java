package io.vertxcenter.client;

import io.vertx.core.buffer.Buffer;
import io.vertxcenter.common.LineProtocol;

/**
 * Makes the lines a connection sends, numbered, each {@code size} bytes plus a newline (more only if
 * the numbering does not fit); the
 * share of {@code JSON|…} lines is exact over any run (line n is JSON when ⌊(n+1)·share⌋ > ⌊n·share⌋).
 */
final class LineMaker {
  private final String connection;
  private final int size;
  private final double jsonShare;
  private long next;

  LineMaker(String connection, int size, double jsonShare) {
    this.connection = connection;
    this.size = size;
    this.jsonShare = jsonShare;
  }

  /** Appends {@code lines} lines to {@code out}. */
  void append(Buffer out, int lines) {
    StringBuilder line = new StringBuilder(size + 1);
    for (int i = 0; i < lines; i++) {
      long n = next++;
      line.setLength(0);
      boolean json = Math.floor((n + 1) * jsonShare) > Math.floor(n * jsonShare);
      if (json) {
        line.append(LineProtocol.JSON_PREFIX).append("{\"connection\":\"").append(connection).append("\",\"n\":").append(n).append(",\"pad\":\"");
        pad(line, size - 2);
        line.append("\"}");
      } else {
        line.append("message ").append(connection).append(' ').append(n).append(' ');
        pad(line, size);
      }
      out.appendString(line.append('\n').toString());
    }
  }

  private static void pad(StringBuilder line, int length) {
    while (line.length() < length) {
      line.append('x');
    }
  }
}
