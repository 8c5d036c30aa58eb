package io.vertxcenter.common;

/**
 * Makes text a client sent safe to show on an operator's terminal: every C0 control (U+0000 to
 * U+001F), DEL (U+007F) and C1 control (U+0080 to U+009F) is written as a visible escape, like
 * Python's {@code repr}: {@code \t}, {@code \n}, {@code \r}, and {@code \xHH} (two lowercase hex
 * digits) for the others, so {@code ESC [2J} shows as {@code \x1b[2J} and clears nothing, and a
 * lone CR cannot overwrite a line. Every other character, backslashes included, is left as it is.
 *
 * <p>Every place that shows client text (the monitor's console, {@code center monitor tail},
 * {@code center up}'s relay of node output) escapes it here, so they all show the same thing.
 */
public final class ControlCharacters {
  /** The escape of each control character, indexed by the character (0x00-0x9F; null for the others). */
  private static final String[] ESCAPES = new String[0xA0];

  static {
    for (char c = 0; c < ESCAPES.length; c++) {
      if (isControl(c)) {
        ESCAPES[c] = switch (c) {
          case '\t' -> "\\t";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          default -> String.format("\\x%02x", (int) c);
        };
      }
    }
  }

  private ControlCharacters() {}

  /** Whether {@code c} is a C0 or C1 control character or DEL, which {@link #escape} replaces. */
  public static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }

  /** {@code text} with its control characters escaped; {@code text} itself when it has none. */
  public static String escape(String text) {
    int first = 0;
    while (first < text.length() && !isControl(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 8).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        escaped.append(escapeOf(c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * The escape that stands for the control character {@code c}: {@code \\t}, {@code \\n}, {@code \\r}
   * or {@code \\xHH}. Fails with {@link IllegalArgumentException} when {@code c} is not a {@linkplain #isControl control}.
   */
  public static String escapeOf(char c) {
    if (!isControl(c)) {
      throw new IllegalArgumentException("not a control character: U+" + Integer.toHexString(c));
    }
    return ESCAPES[c];
  }

  /**
   * JSON text (as a JSON encoder wrote it) with its DEL and C1 controls, which JSON allows raw in
   * strings, written as {@code \\u} escapes; it stays valid JSON for the same value. (JSON has no raw
   * C0 controls: encoders escape them.)
   */
  public static String escapeJson(String json) {
    StringBuilder escaped = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c >= 0x7F && c <= 0x9F) {
        if (escaped == null) {
          escaped = new StringBuilder(json.length() + 8).append(json, 0, i);
        }
        escaped.append(String.format("\\u%04x", (int) c));
      } else if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? json : escaped.toString();
  }
}
