package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertxcenter.connect.CliException;
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
        "--client-rate", "0", "--timeout", "30", "--server-port", "5002", "--bridge-port", "7100", "--cluster-port", "5801", "--tls");
    LocalClusterOptions again = parse(options.args().toArray(String[]::new));
    assertEquals(options.settings(), again.settings());
    assertEquals(new LocalClusterSettings(3, 2, "blue", 7100, 0, 5002, ServerParams.UP_ACK_PORT, Durability.WRITE, 0, 5801, true, 30), again.settings());
    assertFalse(parse().args().contains("--tls"), "a flag not given is not passed on");
  }

  @Test
  @DisplayName("--ack-port equal to --server-port is a usage error before anything starts")
  void ackPortIsNotTheServerPort() {
    CliException error = assertThrows(CliException.class, () -> parse("--server-port", "26000", "--ack-port", "26000").settings());
    assertEquals(CliException.USAGE, error.exitCode());
    assertEquals("--ack-port must differ from --server-port (both 26000): lines and acks need a port each; choose another --ack-port,"
        + " or 0 for no ack port", error.getMessage());
    assertEquals(0, parse("--server-port", "26000", "--ack-port", "0").settings().ackPort());
  }

  @Test
  @DisplayName("a first port that leaves no room for every node's port is a usage error naming the highest that does")
  void portRangesFit() {
    assertEquals("--bridge-port 65534 leaves room for 2 of the 4 nodes' bridges: choose a port at most 65532",
        usageError("--bridge-port", "65534", "--worker-nodes", "1"));
    assertEquals("--http-port 65535 leaves room for 1 of the 4 nodes' HTTP ports: choose a port at most 65532",
        usageError("--http-port", "65535"));
    assertEquals("--cluster-port 65535 leaves room for 1 of the 5 nodes' cluster ports: choose a port at most 65531",
        usageError("--cluster-port", "65535", "--worker-nodes", "2"));
    assertEquals(65532, parse("--bridge-port", "65532", "--worker-nodes", "1").settings().bridgePort());
  }

  private static String usageError(String... args) {
    CliException error = assertThrows(CliException.class, () -> parse(args).settings());
    assertEquals(CliException.USAGE, error.exitCode());
    return error.getMessage();
  }

  private static LocalClusterOptions parse(String... args) {
    LocalClusterOptions options = new LocalClusterOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }
}
