package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalClusterOptionsTest {

  @Test
  @DisplayName("the background supervisor gets the very options 'up' was given")
  void optionsRoundTrip() {
    LocalClusterOptions options = parse("--workers", "3", "--worker-nodes", "2", "--cluster-name", "blue",
        "--client-rate", "0", "--timeout", "30", "--server-port", "5001", "--bridge-port", "7100", "--cluster-port", "5801");
    LocalClusterOptions again = parse(options.args().toArray(String[]::new));
    assertEquals(options.args(), again.args());
    assertEquals(options.settings(), again.settings());
  }

  private static LocalClusterOptions parse(String... args) {
    LocalClusterOptions options = new LocalClusterOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }
}
