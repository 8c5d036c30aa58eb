package io.vertxcenter.monitor;

import java.util.Random;

/** Random JSON documents and near misses for the differential tests of {@link JsonCheck} and {@link JsonPretty}. */
final class JsonDocuments {
  private JsonDocuments() {}

  private static final String[] SPACES = {" ", "\t", "\r", "\n"};
  private static final String[] STRING_PARTS = {"a", "Z", " ", "é", "😀", "\u007f", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\uD83D\\uDE00",
      "\\ud800", "\\uDC00", "\\u0000", "\\u001b", "\u0085", "\u2028"};
  /** What a mutation inserts: JSON's own characters, near misses and bytes that never belong outside a string. */
  private static final String[] MUTATIONS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "/", "'", "-", "+", ".", "e", "E", "0", "1",
      "9", "t", "r", "u", "f", "n", "l", "a", "x", " ", "\t", "\n", "\r", "\u0000", "\u0001", "\u001f", "é", "😀", "\u00a0", "*", "#"};

  /** A random valid document, nested at most 4 levels, with random whitespace between tokens. */
  static String document(Random random, int depth) {
    int kind = random.nextInt(depth < 4 ? 6 : 4);
    return space(random) + switch (kind) {
      case 0 -> string(random);
      case 1 -> number(random);
      case 2 -> new String[] {"true", "false", "null"}[random.nextInt(3)];
      case 3 -> "\"\"";
      case 4 -> elements(random, depth, "[", "]", false);
      default -> elements(random, depth, "{", "}", true);
    } + space(random);
  }

  private static String elements(Random random, int depth, String open, String close, boolean named) {
    StringBuilder json = new StringBuilder(open);
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      json.append(i > 0 ? "," : "").append(named ? space(random) + string(random) + space(random) + ":" : "")
          .append(document(random, depth + 1));
    }
    return json.append(count == 0 ? space(random) : "").append(close).toString();
  }

  private static String string(Random random) {
    StringBuilder json = new StringBuilder("\"");
    for (int i = random.nextInt(6); i > 0; i--) {
      json.append(STRING_PARTS[random.nextInt(STRING_PARTS.length)]);
    }
    return json.append('"').toString();
  }

  private static String number(Random random) {
    StringBuilder json = new StringBuilder(random.nextBoolean() ? "-" : "");
    json.append(random.nextInt(4) == 0 ? "0" : String.valueOf(1 + random.nextInt(99_999)));
    if (random.nextBoolean()) {
      json.append('.').append(random.nextInt(1000));
    }
    if (random.nextBoolean()) {
      json.append(random.nextBoolean() ? 'e' : 'E').append(new String[] {"", "+", "-"}[random.nextInt(3)]).append(random.nextInt(400));
    }
    return json.toString();
  }

  private static String space(Random random) {
    return random.nextInt(4) > 0 ? "" : SPACES[random.nextInt(SPACES.length)];
  }

  /** The document unchanged (one time in five), or with a character deleted, inserted or replaced, or cut short. */
  static String mutate(String json, Random random) {
    int[] chars = json.codePoints().toArray();
    int at = random.nextInt(chars.length + 1);
    String inserted = MUTATIONS[random.nextInt(MUTATIONS.length)];
    return switch (random.nextInt(5)) {
      case 0 -> json;
      case 1 -> at == chars.length ? json : text(chars, 0, at) + text(chars, at + 1, chars.length);
      case 2 -> text(chars, 0, at) + inserted + text(chars, at, chars.length);
      case 3 -> at == chars.length ? json + inserted : text(chars, 0, at) + inserted + text(chars, at + 1, chars.length);
      default -> text(chars, 0, at);
    };
  }

  private static String text(int[] codePoints, int from, int to) {
    return new String(codePoints, from, to - from);
  }

  /**
   * The hard cases, one family after the other by {@code n}: a number of 998 to 1002 digits split
   * over integer, fraction and exponent, at the end of the input or inside an array; an object with
   * {@code names} 12-character names that all share one hash in Jackson's field-name table; arrays
   * and objects nested 998 to 1002 deep; a string of escapes, lone surrogates included.
   */
  static String hard(Random random, int n) {
    return switch (n % 4) {
      case 0 -> longNumber(random);
      case 1 -> collidingNames(500 + random.nextInt(229));
      case 2 -> deep(random, 998 + random.nextInt(5));
      default -> escapes(random);
    };
  }

  /**
   * An object of {@code count} (at most 729) distinct 12-character names that share one hash in
   * Jackson's symbol table ({@code h = 33 h + c}): each name is six blocks of {@code "Ac"},
   * {@code "BB"} or {@code "C!"}, which add the same to the hash.
   */
  static String collidingNames(int count) {
    String[] blocks = {"Ac", "BB", "C!"};
    StringBuilder json = new StringBuilder("{");
    for (int n = 0; n < count; n++) {
      json.append(n > 0 ? "," : "").append('"');
      for (int block = 0, rest = n; block < 6; block++, rest /= 3) {
        json.append(blocks[rest % 3]);
      }
      json.append("\":").append(n);
    }
    return json.append('}').toString();
  }

  /** A number of 998 to 1002 digits (JsonCheck's limit is 1000, with Jackson's quirks), plain, with a fraction or an exponent or both, maybe after a 0. */
  private static String longNumber(Random random) {
    int digits = 998 + random.nextInt(5);
    boolean zero = random.nextInt(3) == 0;
    int fraction = zero ? digits - 1 - (random.nextBoolean() ? 0 : 1 + random.nextInt(digits - 2))
        : random.nextBoolean() ? 0 : 1 + random.nextInt(digits - 2);
    int integer = zero ? 1 : digits - fraction - (random.nextBoolean() ? 0 : 1 + random.nextInt(digits - fraction - 1));
    int exponent = digits - integer - fraction;
    String number = (random.nextBoolean() ? "-" : "") + (zero ? "0" : "7".repeat(integer))
        + (fraction > 0 ? "." + "3".repeat(fraction) : "") + (exponent > 0 ? "e-" + "9".repeat(exponent) : "");
    return random.nextBoolean() ? number : "[" + number + "]";
  }

  private static String deep(Random random, int depth) {
    boolean objects = random.nextBoolean();
    return (objects ? "{\"a\":" : "[").repeat(depth) + "1" + (objects ? "}" : "]").repeat(depth);
  }

  private static String escapes(Random random) {
    String[] parts = {"\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\u001b[2J", "\\u007f", "\\u0085", "\\/", "\\\"",
        "\\\\", "\\b\\f\\n\\r\\t", "é", "😀", "\u007f", "\u009b"};
    StringBuilder json = new StringBuilder("{\"s\":\"");
    for (int i = random.nextInt(12); i >= 0; i--) {
      json.append(parts[random.nextInt(parts.length)]);
    }
    return json.append("\"}").toString();
  }
}
