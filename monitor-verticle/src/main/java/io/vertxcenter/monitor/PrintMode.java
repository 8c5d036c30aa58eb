package io.vertxcenter.monitor;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the monitor shows the messages it receives. */
public enum PrintMode {
  /** Every message, as the original did. */
  ALL,
  /** One summary line per second. */
  SUMMARY,
  /** Nothing; the counts are in {@code monitor status}. */
  NONE,
  /** Every message while they come at up to {@link MessagePrinter#AUTO_LIMIT_PER_SECOND}/s, a summary above. */
  AUTO;

  /** The name of the mode a monitor runs in unless told otherwise ({@link #AUTO}); a constant, so that CLI flag defaults can name it. */
  public static final String DEFAULT_NAME = "auto";

  public static PrintMode parse(String text) {
    for (PrintMode mode : values()) {
      if (mode.name().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown print mode '" + text + "': expected one of "
        + Arrays.stream(values()).map(mode -> mode.name().toLowerCase()).collect(Collectors.joining(", ")));
  }
}
