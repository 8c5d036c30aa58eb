package io.vertxcenter.client;

import io.vertx.core.buffer.Buffer;
import io.vertxcenter.common.LineProtocol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes the lines a connection sends, numbered, each {@code size} bytes plus a newline (more only if
 * the numbering does not fit): {@code message <connection> <n> xxx…} or
 * {@code JSON|{"connection":"<connection>","n":<n>,"pad":"xxx…"}}. The share of JSON lines is exact
 * over any run (line n is JSON when ⌊(n+1)·share⌋ > ⌊n·share⌋). Lines are written as bytes into
 * one reused array, from parts made once: a load generator must cost far less than what it loads.
 */
final class LineMaker {
  private static final byte PAD = 'x';

  private final byte[] stringStart;
  private final byte[] jsonStart;
  private final byte[] jsonMiddle;
  private final byte[] jsonEnd;
  private final int size;
  private final double jsonShare;
  private byte[] scratch = new byte[0];
  private long next;

  LineMaker(String connection, int size, double jsonShare) {
    this.stringStart = ascii("message " + connection + " ");
    this.jsonStart = ascii(LineProtocol.JSON_PREFIX + "{\"connection\":\"" + connection + "\",\"n\":");
    this.jsonMiddle = ascii(",\"pad\":\"");
    this.jsonEnd = ascii("\"}");
    this.size = size;
    this.jsonShare = jsonShare;
  }

  /** The next {@code lines} lines, each ending in a newline. */
  Buffer next(int lines) {
    int at = 0;
    for (int i = 0; i < lines; i++) {
      long n = next++;
      ensureRoom(at + size + jsonStart.length + jsonMiddle.length + jsonEnd.length + 21);
      int lineStart = at;
      if (Math.floor((n + 1) * jsonShare) > Math.floor(n * jsonShare)) {
        at = put(jsonStart, at);
        at = putDigits(n, at);
        at = put(jsonMiddle, at);
        at = pad(at, lineStart + size - jsonEnd.length);
        at = put(jsonEnd, at);
      } else {
        at = put(stringStart, at);
        at = putDigits(n, at);
        scratch[at++] = ' ';
        at = pad(at, lineStart + size);
      }
      scratch[at++] = '\n';
    }
    return Buffer.buffer(at).appendBytes(scratch, 0, at);
  }

  private void ensureRoom(int bytes) {
    if (scratch.length < bytes) {
      scratch = Arrays.copyOf(scratch, Math.max(bytes, scratch.length * 2));
    }
  }

  private int put(byte[] part, int at) {
    System.arraycopy(part, 0, scratch, at, part.length);
    return at + part.length;
  }

  /** Writes the decimal digits of {@code n} (not negative) at {@code at}. */
  private int putDigits(long n, int at) {
    int end = at + digits(n);
    for (int i = end - 1; i >= at; i--) {
      scratch[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return end;
  }

  /** Pads with {@code x} up to {@code end}, if not there yet. */
  private int pad(int at, int end) {
    if (at >= end) {
      return at;
    }
    Arrays.fill(scratch, at, end, PAD);
    return end;
  }

  private static int digits(long n) {
    int digits = 1;
    for (long bound = 10; n >= bound && digits < 19; bound *= 10) {
      digits++;
    }
    return digits;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
