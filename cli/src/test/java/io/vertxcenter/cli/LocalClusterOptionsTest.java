package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertxcenter.local.LocalClusterSettings;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.ServerParams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalClusterOptionsTest {

  @Test
  @DisplayName("the background supervisor gets the very options 'up' was given")
  void optionsRoundTrip() {
    LocalClusterOptions options = parse("--workers", "3", "--worker-nodes", "2", "--cluster-name", "blue", "--http-port", "0",
        "--client-rate", "0", "--timeout", "30", "--server-port", "5001", "--bridge-port", "7100", "--cluster-port", "5801", "--tls");
    LocalClusterOptions again = parse(options.args().toArray(String[]::new));
    assertEquals(options.settings(), again.settings());
    assertEquals(new LocalClusterSettings(3, 2, "blue", 7100, 0, 5001, ServerParams.UP_ACK_PORT, Durability.WRITE, 0, 5801, true, 30), again.settings());
    assertFalse(parse().args().contains("--tls"), "a flag not given is not passed on");
  }

  private static LocalClusterOptions parse(String... args) {
    LocalClusterOptions options = new LocalClusterOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }
}
