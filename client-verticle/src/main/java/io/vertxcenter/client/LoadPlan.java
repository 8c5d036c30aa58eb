package io.vertxcenter.client;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Settings;
import java.util.Map;

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
 * @param ackPort      the server's acknowledging port to send to instead of {@code port}, reading its
 *                     {@code ACK <n>} lines and sending again what was not acknowledged after a
 *                     reconnect; 0 (the default) sends to the plain {@code port}, nothing acknowledged
 */
public record LoadPlan(String host, int port, int connections, int rate, long count, int duration, double jsonShare, int size,
                       int ackPort) {
  public static final LoadPlan DEFAULTS = new LoadPlan("127.0.0.1", 5000, 1, 1000, 0, 0, 0.5, 100, 0);
  static final int MIN_SIZE = 64;

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  /** The values each number option may take; the CLI checks them too. */
  public static final Map<String, Settings.Range> RANGES = Map.of(
      "port", Settings.Range.PORT,
      "connections", new Settings.Range(1, 10_000),
      "rate", new Settings.Range(0, 100_000_000),
      "count", new Settings.Range(0, Long.MAX_VALUE),
      "duration", new Settings.Range(0, 7 * 24 * 3600),
      "jsonShare", new Settings.Range(0, 1),
      "size", new Settings.Range(MIN_SIZE, 65536),
      "ackPort", Settings.Range.PORT_OR_NONE);

  /** The defaults with {@code args} applied; an unknown key or a value out of range is a bad request. */
  public static LoadPlan of(JsonObject args) {
    return DEFAULTS.with(args);
  }

  /** The defaults sent to {@code host:port}: what a client configured with only its server's address sends. */
  public static LoadPlan to(String host, int port) {
    return DEFAULTS.with(new JsonObject().put("host", host).put("port", port));
  }

  /** Whether this plan sends to the acknowledging port ({@code ackPort} not 0). */
  public boolean acknowledged() {
    return ackPort != 0;
  }

  /** The port this plan sends to: {@code ackPort} when set, else {@code port}. */
  public int sendPort() {
    return acknowledged() ? ackPort : port;
  }

  /** {@code host:port}, where this plan sends ({@code host:ackPort} when it sends to the acknowledging port). */
  public String target() {
    return host + ":" + sendPort();
  }

  /**
   * This plan with {@code args} applied: each key given replaces this plan's value, the others stay
   * (so {@code client start rate=0} keeps the host and port the node was configured with). An unknown
   * key or a value out of range is a bad request ({@link io.vertxcenter.common.Failure#BAD_REQUEST}).
   */
  public LoadPlan with(JsonObject args) {
    Settings merged = Settings.of(toJson(), args, "client option");
    return new LoadPlan(merged.host("host", "name the server's address, e.g. 127.0.0.1"),
        (int) merged.wholeNumber("port", RANGES),
        (int) merged.wholeNumber("connections", RANGES),
        (int) merged.wholeNumber("rate", RANGES),
        merged.wholeNumber("count", RANGES),
        (int) merged.wholeNumber("duration", RANGES),
        merged.decimal("jsonShare", RANGES),
        (int) merged.wholeNumber("size", RANGES),
        (int) merged.wholeNumber("ackPort", RANGES));
  }
}
