package io.vertxcenter.cli;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Settings;
import io.vertxcenter.server.ServerParams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;

/**
 * The one parser of {@code KEY=VALUE} words of a role's settings, the original's style: the words
 * of {@code server params set port=5001 host=0.0.0.0} and {@code client start rate=5000}, and the
 * comma-separated pairs of {@code node --client-load rate=2,port=5000}. Strict: every key once, no
 * spaces around a key or value, a value for every key; each value is checked and typed by the role's
 * own {@code with} ({@link ServerParams#withEach}, {@link LoadPlan#with}), the check the node makes, so a
 * mistake reads the same from the CLI and from a node (the server also checks its params against each
 * other, ack port against port, which only it can: it knows the current ones). A key may be written {@code max-line-bytes}
 * for {@code maxLineBytes}.
 */
final class KeyValues {
  /** The server's params ({@link ServerParams}). */
  static final KeyValues SERVER_PARAMS = new KeyValues(ServerParams.DEFAULTS.toJson(), ServerParams.RANGES,
      changes -> ServerParams.DEFAULTS.withEach(changes).toJson());
  /** The client's load ({@link LoadPlan}). */
  static final KeyValues CLIENT_LOAD = new KeyValues(LoadPlan.DEFAULTS.toJson(), LoadPlan.RANGES,
      changes -> LoadPlan.DEFAULTS.with(changes).toJson());

  /**
   * {@code node --client-load} ({@code CENTER_CLIENT_LOAD}): one list of pairs ({@link #pairs}), each
   * checked as {@link #parse} checks words; gives the list back. A key given twice across lists is
   * found when all of them are parsed together ({@code NodeCommand}).
   */
  static final class ClientLoadList extends ValueConverter<String> {
    ClientLoadList() {
      super(CLIENT_LOAD.expected(), list -> {
        try {
          CLIENT_LOAD.parse(CLIENT_LOAD.pairs(list));
          return list;
        } catch (BadWord e) {
          throw new TypeConversionException(e.getMessage());
        }
      });
    }
  }

  /** A word these settings refuse: the word as given (to be shown by {@link CliErrors}) and why, naming the key. */
  static final class BadWord extends IllegalArgumentException {
    private final String word;

    BadWord(String word, String why) {
      super(why);
      this.word = word;
    }

    /** The word as the user gave it, unescaped and whole. */
    String word() {
      return word;
    }
  }

  /** A comma then {@code KEY=} inside a value: words written as {@code --client-load}'s list, {@code rate=1,port=2}. */
  private static final Pattern ANOTHER_PAIR = Pattern.compile(",[A-Za-z][A-Za-z-]*=");

  private final Set<String> keys;
  private final Map<String, Settings.Range> ranges;
  private final Set<String> decimalKeys;
  private final UnaryOperator<JsonObject> with;

  /**
   * @param defaults the settings' defaults: their keys are the keys, a key with a {@code Double} default takes decimals
   * @param ranges   the range of each number key (for the words of a hint); a key without one is a host
   * @param with     the role's own check: the defaults with changes applied, as JSON; a bad request for a bad value
   */
  private KeyValues(JsonObject defaults, Map<String, Settings.Range> ranges, UnaryOperator<JsonObject> with) {
    this.keys = defaults.fieldNames();
    this.ranges = ranges;
    this.with = with;
    this.decimalKeys = defaults.stream().filter(entry -> entry.getValue() instanceof Double).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** The settings' key a word or an option names ({@code max-line-bytes}: {@code maxLineBytes}), null when none. */
  String key(String written) {
    String key = camelCase(written);
    return keys.contains(key) ? key : null;
  }

  /** What a word may be: {@code KEY=VALUE with KEY one of host, port, …}. */
  String expected() {
    return "KEY=VALUE with KEY one of " + String.join(", ", keys);
  }

  /**
   * The pairs of a comma-separated list, {@code rate=2,port=5000} ({@code node --client-load}), as
   * {@link #parse} takes them; an empty pair (a leading, trailing or doubled comma, or no pair at all)
   * is refused, as an empty word is.
   *
   * @throws BadWord for an empty pair: its word is the whole list, which an error shows
   */
  List<String> pairs(String list) {
    List<String> pairs = List.of(list.split(",", -1));
    if (pairs.stream().anyMatch(String::isEmpty)) {
      throw new BadWord(list, "an empty pair (a comma too many?): expected " + expected() + ", comma-separated");
    }
    return pairs;
  }

  /**
   * The words as typed args (numbers as numbers, hosts as text), keyed by the settings' own key names.
   *
   * @throws BadWord for the first word that is not {@code KEY=VALUE} with a known key (named in the
   *     reason, escaped and cut by {@link CliErrors#shown}), whose key was given before, with spaces
   *     around its key or value, without a value, or with a value its key does not take (with a hint
   *     when the value holds {@code ,KEY=}: words are separated by spaces)
   */
  JsonObject parse(List<String> words) {
    JsonObject args = new JsonObject();
    for (String word : words) {
      int eq = word.indexOf('=');
      String written = eq < 0 ? word : word.substring(0, eq);
      String key = camelCase(written.strip());
      if (!keys.contains(key)) {
        throw new BadWord(word, written.isBlank() ? "expected " + expected()
            : "unknown key '" + CliErrors.shown(written) + "': expected " + expected());
      }
      if (args.containsKey(key)) {
        throw new BadWord(word, "'" + key + "' is given twice: give each key once");
      }
      String value = eq < 0 ? "" : word.substring(eq + 1);
      if (!written.equals(written.strip()) || !value.equals(value.strip())) {
        throw new BadWord(word, "'" + key + "' has spaces around it or its value: write " + form(key) + ", without spaces");
      }
      if (value.isEmpty()) {
        throw new BadWord(word, "'" + key + "' needs a value: " + form(key));
      }
      try {
        args.put(key, value(key, value));
      } catch (Failure.CommandException e) {
        throw new BadWord(word, e.getMessage() + (ANOTHER_PAIR.matcher(value).find()
            ? "; KEY=VALUE words are separated by spaces, not commas: e.g. rate=1 port=2" : ""));
      }
    }
    return args;
  }

  /** {@code rate=N, N a whole number from 0 up}: how a key is written, in its range's words. */
  private String form(String key) {
    Settings.Range range = ranges.get(key);
    if (range == null) {
      return key + "=HOST, HOST " + Settings.HOST;
    }
    return key + "=N, N " + (decimalKeys.contains(key) ? range.numbers() : range.wholeNumbers());
  }

  /**
   * {@code text} as the value of {@code key}, checked and typed by the role's own {@code with}
   * (numbers as numbers, hosts as text).
   *
   * @throws Failure.CommandException a bad request naming the key and what it takes
   */
  Object value(String key, String text) {
    return with.apply(new JsonObject().put(key, text)).getValue(key);
  }

  private static String camelCase(String key) {
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
