package io.vertxcenter.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checking of framed lines: UTF-8, with malformed bytes replaced by U+FFFD and reported. */
final class Utf8Lines {
  private Utf8Lines() {}

  /**
   * A line to forward: its UTF-8 text is {@code length} bytes of {@code utf8} at {@code offset}, and
   * {@code invalid} tells whether the bytes received were not valid UTF-8 (then {@code utf8} holds
   * the text decoded with replacement characters).
   */
  record Checked(byte[] utf8, int offset, int length, boolean invalid) {}

  /**
   * Checks {@code length} bytes of {@code line} at {@code offset}, known to be ASCII when {@code ascii};
   * null when the line is blank.
   */
  static Checked check(byte[] line, int offset, int length, boolean ascii) {
    if (ascii || isAscii(line, offset, length)) { // the usual case: the bytes are forwarded as they came
      return isBlankAscii(line, offset, length) ? null : new Checked(line, offset, length, false);
    }
    String text = new String(line, offset, length, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return null;
    }
    // Replacement characters come from malformed input, or were sent as such (EF BF BD): only then
    // is the strict decoder asked.
    if (text.indexOf('\uFFFD') >= 0 && !isValid(line, offset, length)) {
      byte[] replaced = text.getBytes(StandardCharsets.UTF_8);
      return new Checked(replaced, 0, replaced.length, true);
    }
    return new Checked(line, offset, length, false);
  }

  private static boolean isAscii(byte[] line, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (line[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlankAscii(byte[] line, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (!Character.isWhitespace(line[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValid(byte[] line, int offset, int length) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line, offset, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
