package io.vertxcenter.server;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Failure;

/**
 * What the TCP server listens on and the limits it enforces; changed only while it is stopped.
 *
 * @param host            address to listen on ({@code 0.0.0.0} for every interface)
 * @param port            TCP port
 * @param instances       ingest verticle instances sharing the port (one event loop each)
 * @param maxLineBytes    longest line accepted, in bytes without the line ending
 * @param maxConnections  connections open at once; one more is told so and closed
 */
public record ServerParams(String host, int port, int instances, int maxLineBytes, int maxConnections) {
  public static final ServerParams DEFAULTS = new ServerParams("127.0.0.1", 5000, 1, 65536, 1000);

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  /** These params with {@code changes} applied; an unknown key or a value out of range is a bad request. */
  public ServerParams with(JsonObject changes) {
    JsonObject merged = toJson();
    for (String key : changes.fieldNames()) {
      if (!merged.containsKey(key)) {
        throw Failure.BAD_REQUEST.error("unknown server param '" + key + "': expected one of " + String.join(", ", merged.fieldNames()));
      }
      merged.put(key, String.valueOf(changes.getValue(key)));
    }
    String host = merged.getValue("host").toString().trim();
    if (host.isEmpty()) {
      throw Failure.BAD_REQUEST.error("host must not be empty: use 127.0.0.1, 0.0.0.0 or an address of this machine");
    }
    return new ServerParams(host,
        number(merged, "port", 1, 65535),
        number(merged, "instances", 1, 64),
        number(merged, "maxLineBytes", 16, 16 * 1024 * 1024),
        number(merged, "maxConnections", 1, 100_000));
  }

  private static int number(JsonObject params, String key, int min, int max) {
    String text = params.getValue(key).toString().trim();
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the valid range
    }
    throw Failure.BAD_REQUEST.error(key + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
  }
}
