package io.vertxcenter.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's console: each message as the original showed it, or, above
 * {@link #AUTO_LIMIT_PER_SECOND} messages a second (in {@link PrintMode#AUTO}), one summary line per
 * second so the console stays readable.
 */
final class MessagePrinter {
  static final int AUTO_LIMIT_PER_SECOND = 50;
  private static final Logger OUT = LoggerFactory.getLogger("monitor");

  private final PrintMode mode;
  private long thisSecond;
  private long lastSecond;
  private long summarised;

  MessagePrinter(PrintMode mode) {
    this.mode = mode;
  }

  /** Whether the next message is to be shown in full; counts it either way. */
  boolean showsNext() {
    thisSecond++;
    boolean show = mode == PrintMode.ALL
        || (mode == PrintMode.AUTO && lastSecond <= AUTO_LIMIT_PER_SECOND && thisSecond <= AUTO_LIMIT_PER_SECOND);
    if (!show) {
      summarised++;
    }
    return show;
  }

  void string(String text) {
    OUT.info("Received String: {}", text);
  }

  void json(JsonNode value) {
    OUT.info("Received JSON data: {}\n{}", JsonText.typeName(value), JsonText.pretty(value));
  }

  void invalidJson(String text, String problem) {
    OUT.info("Received invalid JSON ({}): {}", problem, text);
  }

  /** Called once a second: prints the summary if messages went unshown in {@link PrintMode#SUMMARY} or {@link PrintMode#AUTO}. */
  void second(String summary) {
    if (summarised > 0 && mode != PrintMode.NONE) {
      OUT.info(summary);
    }
    summarised = 0;
    lastSecond = thisSecond;
    thisSecond = 0;
  }
}
