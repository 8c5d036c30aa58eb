package io.vertxcenter.monitor;

import java.util.ArrayList;
import java.util.List;

/** Test support: a monitor console that keeps the lines it is given, and throws on a line with "boom" when asked to. */
final class ListConsole implements MessagePrinter.Console {
  final List<String> infos = new ArrayList<>();
  final List<String> errors = new ArrayList<>();
  private final boolean failOnBoom;

  ListConsole(boolean failOnBoom) {
    this.failOnBoom = failOnBoom;
  }

  @Override
  public void info(String text) {
    if (failOnBoom && text.contains("boom")) {
      throw new IllegalStateException("console failed on: " + text);
    }
    infos.add(text);
  }

  @Override
  public void error(String text) {
    errors.add(text);
  }
}
