package io.vertxcenter.monitor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: a monitor console that keeps the lines it is given, throws on a line with "boom"
 * when asked to, and fails its flushes while {@link #full} is set (the lines given since the last
 * flush are then dropped, as the monitor's real output drops them).
 */
final class ListConsole implements MessagePrinter.Console {
  final List<String> infos = new ArrayList<>();
  final List<String> errors = new ArrayList<>();
  private final boolean failOnBoom;
  private final List<String> pending = new ArrayList<>();
  boolean full;

  ListConsole(boolean failOnBoom) {
    this.failOnBoom = failOnBoom;
  }

  @Override
  public void info(String text) {
    if (failOnBoom && text.contains("boom")) {
      throw new IllegalStateException("console failed on: " + text);
    }
    pending.add(text);
  }

  @Override
  public void error(String text) {
    errors.add(text);
  }

  @Override
  public void flush() throws IOException {
    try {
      if (full) {
        throw new IOException("No space left on device");
      }
      infos.addAll(pending);
    } finally {
      pending.clear();
    }
  }
}
