package io.vertxcenter.monitor;

/**
 * Checks that UTF-8 bytes are exactly one JSON value (RFC 8259) between optional whitespace, without
 * building anything: a recursive descent over an index, one method per grammar rule, nothing
 * allocated unless the bytes are invalid.
 *
 * <p>This is the monitor's one verdict on a {@code JSON|} line, whether the line is printed in full
 * ({@link ConsoleMessage#of}) or only counted ({@link ConsoleMessage#kind}). Besides the RFC it has
 * the limits the RFC leaves to implementations, set to Jackson's defaults ({@link #MAX_DEPTH},
 * {@link #MAX_NUMBER_DIGITS}, {@link #MAX_NAME_CHARS}), so it accepts exactly what a Jackson parser
 * does (its tests compare the two); unlike Jackson's default parser it keeps no table of field
 * names, so no set of names that share a hash changes its verdict. Bytes of 0x80 and above are accepted only inside strings, as they are:
 * the server has already checked that lines are valid UTF-8.
 *
 * <p>Each rule takes the index where its text starts and returns the index after it, or a failure:
 * a negative number that carries the reason and the index where it was found (see {@link #fail}).
 */
final class JsonCheck {
  /** Jackson's default limit of nested arrays and objects. */
  static final int MAX_DEPTH = 1000;
  /** Jackson's default limit of digits in a number (integer, fraction and exponent together; no sign). */
  static final int MAX_NUMBER_DIGITS = 1000;
  /** Jackson's default limit of a field name's length, in chars after unescaping. */
  static final int MAX_NAME_CHARS = 50_000;

  private static final int UNEXPECTED = 0;
  private static final int END = 1;
  private static final int UNTERMINATED_STRING = 2;
  private static final int BAD_ESCAPE = 3;
  private static final int CONTROL_CHARACTER = 4;
  private static final int LEADING_ZERO = 5;
  private static final int TOO_DEEP = 6;
  private static final int NUMBER_TOO_LONG = 7;
  private static final int NAME_TOO_LONG = 8;
  private static final int REASON_BITS = 4;
  /** A failure keeps its index beside the reason, so indexes must fit in the int's other bits. */
  private static final int MAX_END = Integer.MAX_VALUE >>> REASON_BITS;

  private JsonCheck() {}

  /**
   * Why the UTF-8 bytes at {@code offset} are not one JSON value, or null when they are. A position
   * in the reason counts bytes from 1 at {@code offset}.
   */
  static String problem(byte[] utf8, int offset, int length) {
    int end = offset + length;
    if (end > MAX_END) {
      throw new IllegalArgumentException("JSON to check must end within the first " + MAX_END + " bytes of its array, not at " + end);
    }
    int start = skipSpace(utf8, offset, end);
    if (start == end) {
      return "no JSON value";
    }
    int after = value(utf8, start, end, 0);
    if (after < 0) {
      return describe(utf8, offset, after);
    }
    return skipSpace(utf8, after, end) == end ? null : "text after the JSON value";
  }

  private static int value(byte[] b, int i, int end, int depth) {
    if (i == end) {
      return fail(END, i);
    }
    return switch (b[i]) {
      case '{' -> object(b, i, end, depth + 1);
      case '[' -> array(b, i, end, depth + 1);
      case '"' -> string(b, i, end);
      case 't' -> literal(b, i, end, "true");
      case 'f' -> literal(b, i, end, "false");
      case 'n' -> literal(b, i, end, "null");
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number(b, i, end);
      default -> fail(UNEXPECTED, i);
    };
  }

  private static int object(byte[] b, int i, int end, int depth) {
    if (depth > MAX_DEPTH) {
      return fail(TOO_DEEP, i);
    }
    i = skipSpace(b, i + 1, end);
    if (i < end && b[i] == '}') {
      return i + 1;
    }
    while (true) {
      i = name(b, i, end);
      if (i < 0) {
        return i;
      }
      i = skipSpace(b, i, end);
      if (i == end || b[i] != ':') {
        return unexpected(i, end);
      }
      i = value(b, skipSpace(b, i + 1, end), end, depth);
      if (i < 0) {
        return i;
      }
      i = skipSpace(b, i, end);
      if (i < end && b[i] == '}') {
        return i + 1;
      }
      if (i == end || b[i] != ',') {
        return unexpected(i, end);
      }
      i = skipSpace(b, i + 1, end);
    }
  }

  private static int array(byte[] b, int i, int end, int depth) {
    if (depth > MAX_DEPTH) {
      return fail(TOO_DEEP, i);
    }
    i = skipSpace(b, i + 1, end);
    if (i < end && b[i] == ']') {
      return i + 1;
    }
    while (true) {
      i = value(b, i, end, depth);
      if (i < 0) {
        return i;
      }
      i = skipSpace(b, i, end);
      if (i < end && b[i] == ']') {
        return i + 1;
      }
      if (i == end || b[i] != ',') {
        return unexpected(i, end);
      }
      i = skipSpace(b, i + 1, end);
    }
  }

  private static int name(byte[] b, int i, int end) {
    if (i == end || b[i] != '"') {
      return unexpected(i, end);
    }
    int after = string(b, i, end);
    // Only a name of more than MAX_NAME_CHARS bytes can have more than MAX_NAME_CHARS chars.
    if (after - i - 2 > MAX_NAME_CHARS && charCount(b, i + 1, after - 1) > MAX_NAME_CHARS) {
      return fail(NAME_TOO_LONG, i);
    }
    return after;
  }

  private static int string(byte[] b, int start, int end) {
    int i = start + 1;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        i = escape(b, i, end);
        if (i < 0) {
          return i;
        }
      } else if (c >= 0 && c < 0x20) {
        return fail(CONTROL_CHARACTER, i);
      } else {
        i++;
      }
    }
    return fail(UNTERMINATED_STRING, start);
  }

  /** The escape at the backslash at {@code i}; a cut-short escape ends at {@code end}, leaving its string unterminated. */
  private static int escape(byte[] b, int i, int end) {
    if (i + 1 == end) {
      return end;
    }
    switch (b[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return i + 2;
      case 'u':
        for (int hex = i + 2; hex < i + 6; hex++) {
          if (hex == end) {
            return end;
          }
          if (Character.digit(b[hex], 16) < 0) {
            return fail(BAD_ESCAPE, hex);
          }
        }
        return i + 6;
      default:
        return fail(BAD_ESCAPE, i + 1);
    }
  }

  /** The length in chars (UTF-16 units) of the valid string content between {@code from} and {@code to}, unescaped. */
  private static int charCount(byte[] b, int from, int to) {
    int chars = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\\') {
        i += b[i + 1] == 'u' ? 5 : 1;
        chars++;
      } else if ((b[i] & 0xC0) != 0x80) {
        chars += (b[i] & 0xF8) == 0xF0 ? 2 : 1;
      }
    }
    return chars;
  }

  private static int number(byte[] b, int start, int end) {
    int i = b[start] == '-' ? start + 1 : start;
    int integer = i;
    i = digits(b, i, end);
    if (i == integer) {
      return unexpected(i, end);
    }
    if (b[integer] == '0' && i - integer > 1) {
      return fail(LEADING_ZERO, integer);
    }
    int digitCount = i - integer;
    boolean fraction = i < end && b[i] == '.';
    if (fraction) {
      int from = i + 1;
      i = digits(b, from, end);
      if (i == from) {
        return unexpected(i, end);
      }
      digitCount += i - from;
    }
    boolean exponent = i < end && (b[i] == 'e' || b[i] == 'E');
    if (exponent) {
      int from = i + 1 < end && (b[i + 1] == '+' || b[i + 1] == '-') ? i + 2 : i + 1;
      i = digits(b, from, end);
      if (i == from) {
        return unexpected(i, end);
      }
      digitCount += i - from;
    }
    // Jackson 2.18 counts one digit less in a number with a fraction or an exponent but not both when
    // it reads the number on its slow path: one that starts with 0 or ends the input (or, in a payload
    // of more than 32768 chars, crosses one of its 4000-char buffers: not followed here). Agreeing
    // with it, such a number may have one digit more.
    boolean jacksonSlowPath = b[integer] == '0' || i == end;
    int limit = jacksonSlowPath && fraction != exponent ? MAX_NUMBER_DIGITS + 1 : MAX_NUMBER_DIGITS;
    return digitCount > limit ? fail(NUMBER_TOO_LONG, start) : i;
  }

  private static int digits(byte[] b, int i, int end) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  private static int literal(byte[] b, int i, int end, String word) {
    for (int k = 0; k < word.length(); k++, i++) {
      if (i == end || b[i] != word.charAt(k)) {
        return unexpected(i, end);
      }
    }
    return i;
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static int unexpected(int i, int end) {
    return fail(i == end ? END : UNEXPECTED, i);
  }

  /** A failure: negative, with the reason in the low {@link #REASON_BITS} bits of its complement and the index above them. */
  private static int fail(int reason, int at) {
    return ~(at << REASON_BITS | reason);
  }

  private static String describe(byte[] b, int offset, int failure) {
    int at = ~failure >>> REASON_BITS;
    String where = " at byte " + (at - offset + 1);
    return switch (~failure & ((1 << REASON_BITS) - 1)) {
      case UNEXPECTED -> "unexpected " + shown(b[at]) + where;
      case END -> "unexpected end of the JSON value";
      case UNTERMINATED_STRING -> "unterminated string starting" + where;
      case BAD_ESCAPE -> "invalid escape: unexpected " + shown(b[at]) + where;
      case CONTROL_CHARACTER -> "unescaped control character " + hex(b[at]) + " in a string" + where;
      case LEADING_ZERO -> "number with a leading zero" + where;
      case TOO_DEEP -> "nesting deeper than " + MAX_DEPTH + " levels" + where;
      case NUMBER_TOO_LONG -> "number longer than " + MAX_NUMBER_DIGITS + " digits" + where;
      default -> "field name longer than " + MAX_NAME_CHARS + " chars" + where;
    };
  }

  private static String shown(byte b) {
    return b > 0x20 && b < 0x7F ? "character '" + (char) b + "'" : "byte " + hex(b);
  }

  private static String hex(byte b) {
    return String.format("0x%02x", b & 0xFF);
  }
}
