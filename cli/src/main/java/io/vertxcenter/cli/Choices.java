package io.vertxcenter.cli;

import io.vertxcenter.common.Role;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.Durability;
import io.vertxcenter.worker.BenchMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converters of words from a fixed set (an enum's labels, a comma-separated list of them); what a
 * word means is its enum's own parser's, whose {@link IllegalArgumentException} is a refusal.
 */
final class Choices {
  private Choices() {}

  /** A converter of words from a fixed set. */
  abstract static class Choice<T> extends ValueConverter<T> {
    Choice(String expected, Function<String, T> parse) {
      super(expected, parse);
    }
  }

  /** Bench modes as {@code --modes} names them, without repeats; a value of its own, not a list picocli would split. */
  record ModeList(List<BenchMode> modes) {}

  /** {@code bench --modes}: one or more bench modes, comma-separated. */
  static final class Modes extends Choice<ModeList> {
    Modes() {
      super(oneOrMore(BenchMode.labels()), text -> {
        List<BenchMode> modes = Arrays.stream(text.split(",")).map(BenchMode::parse).distinct().toList();
        if (modes.isEmpty()) {
          throw new IllegalArgumentException("no mode");
        }
        return new ModeList(modes);
      });
    }
  }

  /** {@code node --roles}, {@code CENTER_ROLES}: comma-separated roles; gives the text back. */
  static final class Roles extends Choice<String> {
    Roles() {
      super(oneOrMore(Role.labels()), text -> {
        Role.parseList(text);
        return text;
      });
    }
  }

  /** A durability level of the server's data log: none, write or fsync. */
  static final class DurabilityLevel extends Choice<Durability> {
    DurabilityLevel() {
      super("one of " + Arrays.stream(Durability.values()).map(Durability::label).collect(Collectors.joining(", ")), Durability::of);
    }
  }

  /** {@code node --print}, {@code CENTER_MONITOR_PRINT}: what the monitor prints. */
  static final class Print extends Choice<PrintMode> {
    Print() {
      super("one of " + Arrays.stream(PrintMode.values()).map(mode -> mode.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", ")), PrintMode::parse);
    }
  }

  private static String oneOrMore(String labels) {
    return "one or more of " + labels + ", comma-separated";
  }
}
