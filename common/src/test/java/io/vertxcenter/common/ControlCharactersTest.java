package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlCharactersTest {

  @Test
  @DisplayName("terminal controls a client may send (ESC, CR, BEL, VT, FF, NUL, DEL, C1 CSI) show as escapes")
  void escapesControls() {
    assertEquals("\\x1b[2J\\x1b[HReceived String: forged", ControlCharacters.escape("\u001b[2J\u001b[HReceived String: forged"));
    assertEquals("a\\rb\\x07c\\x0bd\\x0ce\\x00f\\x7fg\\x9b31mh\\x85i", ControlCharacters.escape("a\rb\u0007c\u000bd\u000ce\u0000f\u007fg\u009b31mh\u0085i"));
    assertEquals("tab\\tnew\\nline", ControlCharacters.escape("tab\tnew\nline"));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"00ad", "200b", "200f", "202e", "2066", "2069", "feff"})
  @DisplayName("format characters that hide or reorder text (soft hyphen, zero-width, bidi overrides and isolates) show as \\u escapes")
  void escapesFormatCharacters(String hex) {
    String character = String.valueOf((char) Integer.parseInt(hex, 16));
    assertEquals("po\\u" + hex + "rt", ControlCharacters.escape("po" + character + "rt"));
    assertEquals("{\"k\":\"po\\u" + hex + "rt\"}", ControlCharacters.escapeJson("{\"k\":\"po" + character + "rt\"}"));
  }

  @Test
  @DisplayName("printable text, non-ASCII and backslashes are left as they are, without a copy")
  void leavesTextAlone() {
    String text = "é 😀 \u00a0 ÿ \\x1b as typed";
    assertSame(text, ControlCharacters.escape(text));
  }

  @Test
  @DisplayName("exactly U+0000-U+001F, U+007F, U+0080-U+009F and the BMP's format characters (Cf) are escaped")
  void controlRanges() {
    for (char c = 0; c < 0xFFFF; c++) {
      boolean expected = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || Character.getType(c) == Character.FORMAT;
      assertEquals(expected, ControlCharacters.isControl(c), "U+" + Integer.toHexString(c));
      assertEquals(expected, !ControlCharacters.escape(String.valueOf(c)).equals(String.valueOf(c)), "U+" + Integer.toHexString(c));
    }
  }

  @Test
  @DisplayName("JSON for scripts keeps its value: DEL and C1, raw in a JSON string, become \\u escapes")
  void escapesJson() {
    assertEquals("{\"text\":\"a\\u007fb\\u009bc\\u001b\"}", ControlCharacters.escapeJson("{\"text\":\"a\u007fb\u009bc\\u001b\"}"));
    String plain = "{\"text\":\"é\"}";
    assertSame(plain, ControlCharacters.escapeJson(plain));
  }
}
