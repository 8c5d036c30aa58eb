package io.vertxcenter.cli;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code KEY=VALUE} words, the original's style ({@code server params set port=5001 host=0.0.0.0}),
 * as typed JSON args: whole numbers, decimals and true/false become numbers and booleans, the rest
 * stays text; {@code max-line-bytes} is accepted for {@code maxLineBytes}.
 */
final class KeyValues {
  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d*\\.\\d+([eE]-?\\d+)?");
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

  private KeyValues() {}

  /**
   * @throws IllegalArgumentException for a word that is not {@code KEY=VALUE}; the CLI's converter
   *     ({@link OptionValues.KeyValueWord}) turns it into the error line the user reads
   */
  static JsonObject parse(List<String> words) {
    JsonObject args = new JsonObject();
    for (String word : words) {
      int eq = word.indexOf('=');
      String key = eq < 0 ? word : word.substring(0, eq);
      if (eq < 0 || !KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("not KEY=VALUE");
      }
      args.put(camelCase(key), typed(word.substring(eq + 1)));
    }
    return args;
  }

  static Object typed(String text) {
    if (WHOLE.matcher(text).matches()) {
      long number = Long.parseLong(text);
      return number == (int) number ? (Object) (int) number : (Object) number;
    }
    if (DECIMAL.matcher(text).matches()) {
      return Double.parseDouble(text);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Boolean.parseBoolean(lower);
    }
    return text;
  }

  static String camelCase(String key) {
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : key.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }
}
