package io.vertxcenter.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import io.vertx.core.json.JsonObject;

/** One column of a reply table: its header and how to show a reply's value. */
record Column(String header, Function<JsonObject, Object> value) {

  /** The reply field {@code key}, shown as it is (numbers rounded, booleans as yes/no). */
  static Column of(String header, String key) {
    return new Column(header, reply -> show(reply.getValue(key)));
  }

  /** An epoch-milliseconds field shown as the time since then ({@code 3s ago}). */
  static Column ago(String header, String key) {
    return new Column(header, reply -> {
      Long at = reply.getLong(key);
      return at == null || at <= 0 ? null
          : ClusterCommand.uptime(Duration.ofMillis(System.currentTimeMillis() - at)) + " ago";
    });
  }

  static Object show(Object value) {
    if (value instanceof Boolean flag) {
      return flag ? "yes" : "no";
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return String.format(Locale.ROOT, Math.abs(number) >= 100 ? "%.0f" : "%.2f", number);
    }
    return value;
  }

  String cell(JsonObject reply) {
    Object shown = value.apply(reply);
    return shown == null ? "-" : String.valueOf(shown);
  }
}
