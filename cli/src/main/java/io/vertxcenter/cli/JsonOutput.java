package io.vertxcenter.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output for scripts instead of a table for people. */
public class JsonOutput {
  @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
  boolean enabled;

  public boolean enabled() {
    return enabled;
  }
}
