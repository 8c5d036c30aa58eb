package io.vertxcenter.client;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Failure;

/**
 * What {@code client start} is asked to send.
 *
 * @param host         server address
 * @param port         server port
 * @param connections  TCP connections kept open
 * @param rate         lines per second over all connections; 0 means as fast as the server takes them
 * @param count        lines to send in all, then stop; 0 means no limit
 * @param duration     seconds to run, then stop; 0 means no limit
 * @param jsonShare    share of lines that are {@code JSON|…} lines, 0 to 1
 * @param size         bytes per line, without the newline
 */
public record LoadPlan(String host, int port, int connections, int rate, long count, int duration, double jsonShare, int size) {
  public static final LoadPlan DEFAULTS = new LoadPlan("127.0.0.1", 5000, 1, 1000, 0, 0, 0.5, 100);
  static final int MIN_SIZE = 64;

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  /** The defaults with {@code args} applied; an unknown key or a value out of range is a bad request. */
  public static LoadPlan of(JsonObject args) {
    JsonObject merged = DEFAULTS.toJson();
    for (String key : args.fieldNames()) {
      if (!merged.containsKey(key)) {
        throw Failure.BAD_REQUEST.error("unknown client option '" + key + "': expected one of " + String.join(", ", merged.fieldNames()));
      }
      merged.put(key, String.valueOf(args.getValue(key)));
    }
    String host = merged.getValue("host").toString().trim();
    if (host.isEmpty()) {
      throw Failure.BAD_REQUEST.error("host must not be empty: name the server's address, e.g. 127.0.0.1");
    }
    double jsonShare = decimal(merged, "jsonShare");
    return new LoadPlan(host,
        (int) number(merged, "port", 1, 65535),
        (int) number(merged, "connections", 1, 10_000),
        (int) number(merged, "rate", 0, 100_000_000),
        number(merged, "count", 0, Long.MAX_VALUE),
        (int) number(merged, "duration", 0, 7 * 24 * 3600),
        jsonShare,
        (int) number(merged, "size", MIN_SIZE, 65536));
  }

  private static long number(JsonObject values, String key, long min, long max) {
    String text = values.getValue(key).toString().trim();
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the valid range
    }
    throw Failure.BAD_REQUEST.error(key + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
  }

  private static double decimal(JsonObject values, String key) {
    String text = values.getValue(key).toString().trim();
    try {
      double value = Double.parseDouble(text);
      if (value >= 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the valid range
    }
    throw Failure.BAD_REQUEST.error(key + " must be a number from 0 to 1, got '" + text + "'");
  }
}
