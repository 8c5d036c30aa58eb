package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checking of framed lines: UTF-8, with malformed bytes replaced by U+FFFD and reported. */
final class Utf8Lines {
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8Lines() {}

  /**
   * A line to forward: its UTF-8 text is the first {@code length} bytes of {@code utf8}, and
   * {@code invalid} tells whether the bytes received were not valid UTF-8 (then {@code utf8} holds
   * the text decoded with replacement characters).
   */
  record Checked(Buffer utf8, int length, boolean invalid) {}

  /** Checks the first {@code length} bytes of {@code line}; null when the line is blank. */
  static Checked check(Buffer line, int length) {
    if (isAscii(line, length)) { // the usual case: one pass, the bytes are forwarded as they came
      return isBlankAscii(line, length) ? null : new Checked(line, length, false);
    }
    byte[] bytes = line.getBytes(0, length);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return null;
    }
    // Replacement characters come from malformed input, or were sent as such (EF BF BD): only then
    // is the strict decoder asked.
    if (text.indexOf('\uFFFD') >= 0 && !isValid(bytes)) {
      Buffer replaced = Buffer.buffer(text);
      return new Checked(replaced, replaced.length(), true);
    }
    return new Checked(line, length, false);
  }

  private static boolean isAscii(Buffer line, int length) {
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      if ((line.getLong(i) & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (line.getByte(i) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlankAscii(Buffer line, int length) {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(line.getByte(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValid(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
