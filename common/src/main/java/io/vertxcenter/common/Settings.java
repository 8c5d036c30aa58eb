package io.vertxcenter.common;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Function;

/**
 * Named settings of a role (the server's params, the client's load plan) as a command changes
 * them: its defaults with the command's args applied, each checked, a mistake a bad request that
 * names the key and what it may be. The ranges are public so that the CLI checks the same ones
 * before it sends anything.
 */
public final class Settings {
  /** The values a number setting may take, both ends included. */
  public record Range(double min, double max) {
    /**
     * {@code value} (a JSON number or its text) as a whole number within this range; anything else
     * is a bad request: {@code "<key> must be a whole number from <min> to <max>, got '<value>'"}.
     */
    public long wholeNumber(String key, Object value) {
      return check(key, value, "a whole number", Long::parseLong);
    }

    /** {@code value} (a JSON number or its text) as a number within this range, else a bad request. */
    public double decimal(String key, Object value) {
      return check(key, value, "a number", Double::parseDouble);
    }

    private <T extends Number> T check(String key, Object value, String kind, Function<String, T> parse) {
      String text = String.valueOf(value).trim();
      try {
        T number = parse.apply(text);
        if (number.doubleValue() >= min && number.doubleValue() <= max) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below with the valid range
      }
      throw Failure.BAD_REQUEST.error(key + " must be " + kind + " from " + format(min) + " to " + format(max)
          + ", got '" + text + "'");
    }
  }

  private final JsonObject values;

  private Settings(JsonObject values) {
    this.values = values;
  }

  /**
   * {@code defaults} with {@code changes} applied; a key the defaults do not have is a bad request
   * ({@code "unknown <what> '<key>': expected one of …"}).
   */
  public static Settings of(JsonObject defaults, JsonObject changes, String what) {
    JsonObject merged = defaults.copy();
    for (String key : changes.fieldNames()) {
      if (!merged.containsKey(key)) {
        throw Failure.BAD_REQUEST.error("unknown " + what + " '" + key + "': expected one of " + String.join(", ", merged.fieldNames()));
      }
      merged.put(key, String.valueOf(changes.getValue(key)));
    }
    return new Settings(merged);
  }

  /** A host setting: not empty; {@code hint} says what to give instead. */
  public String host(String key, String hint) {
    String host = text(key);
    if (host.isEmpty()) {
      throw Failure.BAD_REQUEST.error(key + " must not be empty: " + hint);
    }
    return host;
  }

  /** A whole number within {@code ranges.get(key)}. */
  public long wholeNumber(String key, Map<String, Range> ranges) {
    return ranges.get(key).wholeNumber(key, text(key));
  }

  /** A number within {@code ranges.get(key)}. */
  public double decimal(String key, Map<String, Range> ranges) {
    return ranges.get(key).decimal(key, text(key));
  }

  private String text(String key) {
    return values.getValue(key).toString().trim();
  }

  private static String format(double number) {
    return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
  }
}
