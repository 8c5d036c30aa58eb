package io.vertxcenter.monitor;

/**
 * Writes a JSON value the way the original showed it, Python's {@code json.dumps(value, indent=2)}:
 * members and elements one per line indented by two spaces, {@code ": "} after a name, {@code {}} and
 * {@code []} for empty containers, strings with every character outside printable ASCII escaped
 * ({@code \u00e9}, {@code \ud83d\ude00}, a lone surrogate as itself, {@code \n}), so the text is
 * plain ASCII that no terminal acts on.
 *
 * <p>It renders and never judges: {@link JsonCheck} has decided the bytes are one valid JSON value,
 * and this is a single pass over them (no tree, no recursion, no field-name table), so it cannot
 * be slowed by many names that share a hash, nor change a value: numbers are copied as they were
 * written (Python would turn {@code 1e400} into {@code Infinity} and {@code 1e5} into
 * {@code 100000.0}), and every name is kept, duplicates included (Python keeps the last).
 */
final class JsonPretty {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonPretty() {}

  /**
   * Writes the JSON value in the UTF-8 bytes {@code from} (inclusive) to {@code to}, which
   * {@link JsonCheck#problem} has accepted, to {@code out}. Fails with
   * {@link IllegalArgumentException} on bytes it did not accept.
   */
  static void write(byte[] utf8, int from, int to, BoundedOutput out) {
    int depth = 0;
    int i = from;
    while (i < to) {
      byte c = utf8[i];
      switch (c) {
        case ' ', '\t', '\n', '\r' -> i++;
        case '{', '[' -> {
          int next = skipSpace(utf8, i + 1, to);
          byte close = (byte) (c == '{' ? '}' : ']');
          out.append((char) c);
          if (next < to && utf8[next] == close) {
            out.append((char) close);
            i = next + 1;
          } else {
            out.newline(++depth);
            i = next;
          }
        }
        case '}', ']' -> {
          out.newline(--depth);
          out.append((char) c);
          i++;
        }
        case ',' -> {
          out.append(',');
          out.newline(depth);
          i++;
        }
        case ':' -> {
          out.append(": ");
          i++;
        }
        case '"' -> i = string(utf8, i + 1, to, out);
        default -> {
          int end = tokenEnd(utf8, i, to);
          out.appendAscii(utf8, i, end);
          i = end;
        }
      }
    }
  }

  /** JSON's name for the type of the valid JSON value in the bytes: object, array, string, number, boolean or null. */
  static String typeName(byte[] utf8, int from, int to) {
    int i = skipSpace(utf8, from, to);
    if (i == to) {
      throw notChecked(i);
    }
    return switch (utf8[i]) {
      case '{' -> "object";
      case '[' -> "array";
      case '"' -> "string";
      case 't', 'f' -> "boolean";
      case 'n' -> "null";
      default -> "number";
    };
  }

  /** Writes the string whose content starts at {@code i}; returns the index after its closing quote. */
  private static int string(byte[] b, int i, int to, BoundedOutput out) {
    out.append('"');
    while (i < to) {
      int c = b[i];
      if (c == '"') {
        out.append('"');
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= to) {
          throw notChecked(i);
        }
        byte escaped = b[i + 1];
        if (escaped == 'u') {
          if (i + 6 > to) {
            throw notChecked(i);
          }
          character(hex4(b, i + 2), out);
          i += 6;
        } else {
          character(switch (escaped) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) escaped; // '"', '\\' or '/'
          }, out);
          i += 2;
        }
      } else if (c >= 0) {
        character((char) c, out);
        i++;
      } else {
        i = utf8Character(b, i, to, out);
      }
    }
    throw notChecked(to);
  }

  /** Decodes the UTF-8 sequence at {@code i} (U+FFFD for a malformed one, which the server never forwards); returns the index after it. */
  private static int utf8Character(byte[] b, int i, int to, BoundedOutput out) {
    int lead = b[i] & 0xFF;
    int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    int codePoint = length == 4 ? lead & 0x07 : length == 3 ? lead & 0x0F : lead & 0x1F;
    boolean malformed = length == 1 || i + length > to;
    for (int k = 1; !malformed && k < length; k++) {
      int next = b[i + k] & 0xFF;
      malformed = (next & 0xC0) != 0x80;
      codePoint = codePoint << 6 | (next & 0x3F);
    }
    if (malformed || !Character.isValidCodePoint(codePoint)) {
      character('\uFFFD', out);
      return i + 1;
    }
    if (Character.isBmpCodePoint(codePoint)) {
      character((char) codePoint, out);
    } else {
      character(Character.highSurrogate(codePoint), out);
      character(Character.lowSurrogate(codePoint), out);
    }
    return i + length;
  }

  /** One UTF-16 unit of a string, escaped as Python's {@code ensure_ascii} does. */
  private static void character(char c, BoundedOutput out) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> {
        if (c >= ' ' && c <= '~') {
          out.append(c);
        } else {
          out.append(new String(new char[] {'\\', 'u', HEX[c >> 12], HEX[c >> 8 & 0xF], HEX[c >> 4 & 0xF], HEX[c & 0xF]}));
        }
      }
    }
  }

  private static char hex4(byte[] b, int i) {
    int value = 0;
    for (int k = i; k < i + 4; k++) {
      int digit = Character.digit(b[k], 16);
      if (digit < 0) {
        throw notChecked(k);
      }
      value = value << 4 | digit;
    }
    return (char) value;
  }

  /** The end of a number or a literal: the first byte that is none of their characters. */
  private static int tokenEnd(byte[] b, int i, int to) {
    int end = i;
    while (end < to && (Character.isLetterOrDigit(b[end]) || b[end] == '-' || b[end] == '+' || b[end] == '.')) {
      end++;
    }
    if (end == i) {
      throw notChecked(i);
    }
    return end;
  }

  private static int skipSpace(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static IllegalArgumentException notChecked(int at) {
    return new IllegalArgumentException("not JSON that JsonCheck accepted (at index " + at + ")");
  }
}
