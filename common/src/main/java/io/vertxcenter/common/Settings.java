package io.vertxcenter.common;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Named settings of a role (the server's params, the client's load plan) as a command changes
 * them: its defaults with the command's args applied, each checked, a mistake a bad request that
 * names the key and what it may be. The ranges are public so that the CLI checks the same ones
 * before it sends anything.
 */
public final class Settings {
  /**
   * The values a number setting may take, both ends included, and the one parser of such values:
   * the nodes check what a command sends with it, and the CLI's option converters call it too, so a
   * mistake reads the same wherever it is found: {@code "port must be a whole number from 1 to 65535"}.
   */
  public record Range(double min, double max) {
    /** A TCP port: the server's, the client's target, a node's bridge or HTTP port. */
    public static final Range PORT = new Range(1, 65535);

    /** A TCP port, or 0 for none (a port not opened, a mode not used). */
    public static final Range PORT_OR_NONE = new Range(0, 65535);

    /** A whole number as JSON and Java write one: no plus sign, no leading zero (so no octal-looking {@code 05000}). */
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /** What a whole number in this range is: {@code a whole number from 1 to 65535}, or {@code … from 0 up} with no upper end. */
    public String wholeNumbers() {
      return "a whole number from " + format(min) + (max >= Long.MAX_VALUE ? " up" : " to " + format(max));
    }

    /** What a number in this range is: {@code a number from 0 to 1}. */
    public String numbers() {
      return "a number from " + format(min) + " to " + format(max);
    }

    /**
     * {@code value} (a JSON number, or its text as JSON writes one: ASCII digits, an optional minus
     * sign, no plus sign and no leading zero, so {@code +5000} and {@code 05000} are not numbers
     * here) as a whole number within this range; anything else is a bad request {@code "<key> must be
     * <wholeNumbers()>"}. The value is not repeated: whoever shows the error shows what was given.
     */
    public long wholeNumber(String key, Object value) {
      String text = String.valueOf(value).trim();
      if (WHOLE.matcher(text).matches()) {
        try {
          long number = Long.parseLong(text);
          if (number >= min && number <= max) {
            return number;
          }
        } catch (NumberFormatException e) {
          // more than a long holds: out of range, said below
        }
      }
      throw Failure.BAD_REQUEST.error(key + " must be " + wholeNumbers());
    }

    /**
     * {@code value} (a JSON number, or plain decimal text: ASCII digits with an optional sign, point
     * and exponent, such as {@code 0.5}, {@code .5}, {@code 5e-1}) as a number within this range, else a bad request
     * {@code "<key> must be <numbers()>"}; Java's own forms ({@code 1d}, {@code 0x1p3}, {@code NaN}) are not numbers here.
     */
    public double decimal(String key, Object value) {
      String text = String.valueOf(value).trim();
      if (DECIMAL.matcher(text).matches()) {
        double number = Double.parseDouble(text);
        if (number >= min && number <= max) {
          return number;
        }
      }
      throw Failure.BAD_REQUEST.error(key + " must be " + numbers());
    }
  }

  /** What a host setting may be, in the words of every error about one. */
  public static final String HOST = "a host name or IP address, e.g. 127.0.0.1";
  private static final Pattern HOST_SPELLING = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]+");
  /** The longest host name DNS carries, in characters (RFC 1035: 255 octets on the wire). */
  public static final int HOST_MAX_CHARACTERS = 253;
  /** The longest label (the part between dots) of a host name, in characters (RFC 1035). */
  public static final int LABEL_MAX_CHARACTERS = 63;

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

  /** A host setting, checked by {@link #host(String, Object, String)}. */
  public String host(String key, String hint) {
    return host(key, text(key), hint);
  }

  /**
   * {@code value} (its text, trimmed) as a host name or IP address as far as its spelling goes: 1 to
   * {@value #HOST_MAX_CHARACTERS} letters, digits, {@code . - _}, and {@code : % [ ]} of IPv6
   * literals, each dot-separated label at most {@value #LABEL_MAX_CHARACTERS}; so no comma, space or
   * control character, and not empty. Whether the name resolves is found only when it is used. Else
   * a bad request: {@code "<key> must be a host name or IP address, e.g. 127.0.0.1: <hint>"} for a
   * character that has no place in one, {@code "<key> is too long: a host name has at most 253
   * characters, 63 between dots"} for a spelling that is fine but too long; the value is not
   * repeated (whoever shows the error shows what was given).
   *
   * @param hint what to give instead, e.g. {@code use 127.0.0.1, 0.0.0.0 or an address of this machine}
   */
  public static String host(String key, Object value, String hint) {
    String text = String.valueOf(value).trim();
    if (!HOST_SPELLING.matcher(text).matches()) {
      throw Failure.BAD_REQUEST.error(key + " must be " + HOST + ": " + hint);
    }
    if (text.length() > HOST_MAX_CHARACTERS || longestLabel(text) > LABEL_MAX_CHARACTERS) {
      throw Failure.BAD_REQUEST.error(key + " is too long: a host name has at most " + HOST_MAX_CHARACTERS + " characters, "
          + LABEL_MAX_CHARACTERS + " between dots");
    }
    return text;
  }

  private static int longestLabel(String host) {
    int longest = 0;
    int start = 0;
    for (int dot = host.indexOf('.'); ; dot = host.indexOf('.', start)) {
      int end = dot < 0 ? host.length() : dot;
      longest = Math.max(longest, end - start);
      if (dot < 0) {
        return longest;
      }
      start = dot + 1;
    }
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
    return number == Math.rint(number) && Math.abs(number) < 1e18 ? String.valueOf((long) number) : String.valueOf(number);
  }
}
