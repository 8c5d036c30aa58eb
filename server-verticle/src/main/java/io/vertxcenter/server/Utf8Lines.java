package io.vertxcenter.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding of framed lines: UTF-8, with malformed bytes replaced by U+FFFD and reported. */
final class Utf8Lines {
  private Utf8Lines() {}

  /** A decoded line, and whether its bytes were not valid UTF-8. */
  record Decoded(String text, boolean invalid) {}

  static Decoded decode(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    // Replacement characters come from malformed input, or were sent as such (EF BF BD): only then
    // is the strict decoder asked, so valid lines cost one scan.
    return new Decoded(text, text.indexOf('\uFFFD') >= 0 && !isValid(bytes));
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
