package io.vertxcenter.common;

/**
 * Makes text a client or a user sent safe to show on an operator's terminal: every C0 control
 * (U+0000 to U+001F), DEL (U+007F) and C1 control (U+0080 to U+009F) is written as a visible
 * escape, like Python's {@code repr}: {@code \t}, {@code \n}, {@code \r}, and {@code \xHH} (two
 * lowercase hex digits) for the others, so {@code ESC [2J} shows as {@code \x1b[2J} and clears
 * nothing, and a lone CR cannot overwrite a line. Every format character of the Basic Multilingual
 * Plane (Unicode category Cf: the soft hyphen U+00AD, the zero-width U+200B to U+200F, the
 * bidirectional overrides U+202A to U+202E and isolates U+2066 to U+2069, U+FEFF, …) is written
 * as {@code \\uHHHH} (four lowercase hex digits), so {@code port} with a soft hyphen inside cannot
 * pass for {@code port} and a right-to-left override cannot reorder what follows it. Every other
 * character, backslashes and format characters outside the BMP included, is left as it is.
 *
 * <p>Every place that shows client or user text (the monitor's console, {@code center monitor tail},
 * {@code center up}'s relay of node output, the CLI's error lines) escapes it here, so they all
 * show the same thing. A printable ASCII character costs the two comparisons it cost before format
 * characters were escaped; only characters from U+00AD up look their category up.
 */
public final class ControlCharacters {
  /** The escape of each C0/C1 control and DEL, indexed by the character (0x00-0x9F; null for the others). */
  private static final String[] ESCAPES = new String[0xA0];
  /** The first format character (U+00AD, the soft hyphen): every character below it but the controls is printable. */
  private static final char FIRST_FORMAT = '\u00ad';

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

  /**
   * Whether {@link #escape} replaces {@code c}: a C0 or C1 control character, DEL, or a format
   * character (category Cf) of the Basic Multilingual Plane. A surrogate is never one.
   */
  public static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7F && (c <= 0x9F || (c >= FIRST_FORMAT && Character.getType(c) == Character.FORMAT)));
  }

  /** {@code text} with its {@linkplain #isControl control and format characters} escaped; {@code text} itself when it has none. */
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
   * {@code text} as a message may show what a user or a peer gave: its first {@code maxCharacters}
   * code points then {@code …} when longer, {@linkplain #escape escaped}; so a 5,000-character word
   * or a terminal control cannot take over an error line.
   *
   * @param maxCharacters how many code points to keep, at least 1
   */
  public static String shown(String text, int maxCharacters) {
    if (text.length() > maxCharacters && text.codePointCount(0, text.length()) > maxCharacters) {
      text = text.substring(0, text.offsetByCodePoints(0, maxCharacters)) + "…";
    }
    return escape(text);
  }

  /**
   * The escape that stands for {@code c}: {@code \\t}, {@code \\n}, {@code \\r} or {@code \\xHH} for a
   * control character, {@code \\uHHHH} for a format character. Fails with
   * {@link IllegalArgumentException} when {@link #isControl} is false for {@code c}.
   */
  public static String escapeOf(char c) {
    if (!isControl(c)) {
      throw new IllegalArgumentException("not a control or format character: U+" + Integer.toHexString(c));
    }
    return c < ESCAPES.length ? ESCAPES[c] : String.format("\\u%04x", (int) c);
  }

  /**
   * JSON text (as a JSON encoder wrote it) with its DEL, C1 controls and BMP format characters,
   * which JSON allows raw in strings, written as {@code \\u} escapes; it stays valid JSON for the
   * same value. (JSON has no raw C0 controls: encoders escape them.)
   */
  public static String escapeJson(String json) {
    StringBuilder escaped = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c >= 0x7F && isControl(c)) {
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
