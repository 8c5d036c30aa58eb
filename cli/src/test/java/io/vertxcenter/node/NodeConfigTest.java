package io.vertxcenter.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertxcenter.cli.Center;
import io.vertxcenter.cli.FakeEnv;
import io.vertxcenter.cli.NodeCommand;
import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.Role;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.LogSettings;
import io.vertxcenter.server.ServerParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code center node}'s flags and env become one {@link NodeConfig}, checked before anything starts;
 * {@link NodeConfig#toArgs()} writes it back as flags that parse to the same configuration. Only
 * parses: nothing joins a cluster.
 */
class NodeConfigTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("every flag given: the configuration holds each value, and its arguments parse back to the same configuration")
  void everyFlagRoundTrips() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef");
    NodeConfig config = parse(Map.of(), "--roles", "worker,server,client,monitor", "--workers", "3",
        "--bridge-host", "127.0.0.2", "--bridge-port", "7001", "--http-host", "0.0.0.0", "--http-port", "8081",
        "--server-host", "0.0.0.0", "--server-port", "5005", "--client-load", "host=server,port=5005,rate=2",
        "--ack-port", "5006", "--data-dir", dir.resolve("data").toString(), "--durability", "fsync", "--data-max-bytes", "16777216",
        "--print", "summary", "--cluster-name", "blue", "--members", "10.0.0.1:5701,10.0.0.2", "--cluster-host", "10.0.0.1",
        "--public-host", "203.0.113.7", "--cluster-port", "5801", "--token-file", token.toString(), "--tls-dir", dir.toString());

    assertEquals(new NodeConfig(EnumSet.allOf(Role.class),
        new ClusterSettings("blue", List.of("10.0.0.1:5701", "10.0.0.2"), "10.0.0.1", "203.0.113.7", 5801),
        new NodeConfig.Security(token, dir),
        new NodeConfig.Endpoint("127.0.0.2", 7001), new NodeConfig.Endpoint("0.0.0.0", 8081),
        NodeConfig.serverAt("0.0.0.0", 5005).withAckPort(5006),
        new LogSettings(dir.resolve("data"), Durability.FSYNC, 16L << 20),
        new LoadPlan("server", 5005, 1, 2, 0, 0, LoadPlan.DEFAULTS.jsonShare(), LoadPlan.DEFAULTS.size(), 0),
        PrintMode.SUMMARY, 3), config);
    assertEquals("server,client,monitor,worker", config.roleLabels());
    assertEquals(config, parse(Map.of(), config.toArgs().toArray(String[]::new)));
  }

  @Test
  @DisplayName("values from env vars land in the configuration, and its arguments give the same configuration with no env")
  void envRoundTrips() {
    NodeConfig config = parse(Map.of(NodeFlags.ROLES, "client,monitor", NodeFlags.PRINT, "none",
        NodeFlags.CLIENT_LOAD, "host=server,port=5000,rate=2,jsonShare=0.25", NodeFlags.MEMBERS, "10.0.0.3,10.0.0.4:5702"));
    assertEquals(PrintMode.NONE, config.print());
    assertEquals(new LoadPlan("server", 5000, 1, 2, 0, 0, 0.25, LoadPlan.DEFAULTS.size(), 0), config.clientLoad());
    assertEquals(List.of("10.0.0.3", "10.0.0.4:5702"), config.cluster().members());
    assertEquals(config, parse(Map.of(), config.toArgs().toArray(String[]::new)));
  }

  @Test
  @DisplayName("defaults come from their owners; the parts of roles a node does not run are left out")
  void defaultsAndRoleParts() {
    NodeConfig server = parse(Map.of(), "--roles", "server,monitor");
    assertEquals(ServerParams.DEFAULTS, server.server());
    assertEquals(LogSettings.NONE, server.log());
    assertEquals(PrintMode.parse(PrintMode.DEFAULT_NAME), server.print());
    assertNull(server.clientLoad());
    assertEquals(0, server.workers());
    assertEquals(List.of("server", "monitor"), server.registryEntry("server-abcdef", "id", "127.0.0.1").roles());

    NodeConfig monitor = parse(Map.of(), "--roles", "monitor", "--server-port", "6000", "--workers", "4",
        "--client-load", "rate=3");
    assertEquals(parse(Map.of(), "--roles", "monitor"), monitor);
    assertNull(monitor.server());
    assertEquals(List.of("--roles", "monitor"), monitor.toArgs().subList(0, 2));

    // what 'up' has no flag for stays the child's env: the server's address and the print mode at their defaults
    assertFalse(server.toArgs().contains(NodeFlags.SERVER_HOST), server.toArgs().toString());
    assertFalse(server.toArgs().contains(NodeFlags.PRINT), server.toArgs().toString());
    NodeConfig fromEnv = parse(Map.of(NodeFlags.PRINT, "summary", NodeFlags.SERVER_HOST, "0.0.0.0"), server.toArgs().toArray(String[]::new));
    assertEquals(PrintMode.SUMMARY, fromEnv.print());
    assertEquals("0.0.0.0", fromEnv.server().host());

    // 'client start' with no host or port sends to the node's server address ('up' gives it), not 127.0.0.1:5000
    NodeConfig client = parse(Map.of(), "--roles", "client", "--server-port", "48500");
    assertEquals(LoadPlan.to("127.0.0.1", 48500), client.clientPlan());
    assertEquals(client, parse(Map.of(), client.toArgs().toArray(String[]::new)));
    assertEquals(config(client, "--client-load", "port=6000").clientLoad(), config(client, "--client-load", "port=6000").clientPlan());

    NodeConfig worker = parse(Map.of(), "--roles", "worker");
    assertEquals(Runtime.getRuntime().availableProcessors(), worker.workerInstances(), "0 workers: one per core");
    assertEquals(Map.of("worker", Runtime.getRuntime().availableProcessors()),
        worker.registryEntry("worker-abcdef", "id", "127.0.0.1").verticles());
  }

  private NodeConfig config(NodeConfig base, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>(base.toArgs());
    args.addAll(List.of(more));
    return parse(Map.of(), args.toArray(String[]::new));
  }

  @Test
  @DisplayName("a client load out of range, on the flag or in CENTER_CLIENT_LOAD: exit 2 before the node starts, one error line naming it and the range")
  void badClientLoad() {
    assertEquals("error: invalid value for --client-load: 'port=70000' (port must be a whole number from 1 to 65535); "
        + "see 'center node --help'", usageError(Map.of(), "--roles", "client", "--client-load", "port=70000"));
    assertEquals("error: invalid value in CENTER_CLIENT_LOAD (--client-load): 'rate=2,jsonShare=3' (jsonShare must be a "
        + "number from 0 to 1); see 'center node --help'",
        usageError(Map.of(NodeFlags.CLIENT_LOAD, "rate=2,jsonShare=3"), "--roles", "client"));
    assertEquals("error: invalid value for --client-load: 'rate=1,bogus=2' (unknown key 'bogus': expected KEY=VALUE with KEY "
        + "one of " + String.join(", ", LoadPlan.DEFAULTS.toJson().fieldNames()) + "); see 'center node --help'",
        usageError(Map.of(), "--roles", "client", "--client-load", "rate=1,bogus=2"));
    assertEquals("error: invalid value for --client-load: 'rate' ('rate' needs a value: rate=N, N a whole number from 0 "
        + "to 100000000); see 'center node --help'", usageError(Map.of(), "--roles", "client", "--client-load", "rate"));
    assertEquals("error: invalid value for --client-load: ',' (an empty pair (a comma too many?): expected KEY=VALUE with KEY one of "
        + String.join(", ", LoadPlan.DEFAULTS.toJson().fieldNames()) + ", comma-separated); see 'center node --help'",
        usageError(Map.of(), "--roles", "client", "--client-load", ","));
  }

  @Test
  @DisplayName("durability: write by default with a data dir, none without; write or fsync without a data dir: exit 2 naming what to add")
  void durabilityNeedsADataDir() {
    assertEquals(Durability.WRITE, parse(Map.of(), "--roles", "server", "--data-dir", dir.toString()).log().durability());
    assertEquals(Durability.NONE, parse(Map.of(), "--roles", "server").log().durability());
    assertEquals("error: --durability fsync needs a data directory: give --data-dir DIR (env CENTER_DATA_DIR), or "
        + "--durability none; see 'center node --help'", usageError(Map.of(), "--roles", "server", "--durability", "fsync"));
  }

  @Test
  @DisplayName("--ack-port equal to --server-port: exit 2 before the node starts, naming both")
  void ackPortIsNotTheServerPort() {
    assertEquals("error: --ack-port must differ from --server-port (both 26000): lines and acks need a port each; choose another "
        + "--ack-port, or 0 for no ack port; see 'center node --help'",
        usageError(Map.of(), "--roles", "server", "--server-port", "26000", "--ack-port", "26000"));
  }

  @Test
  @DisplayName("--cluster-host that does not resolve, or is not an address of this machine: exit 2 before the node starts, one line")
  void clusterHostOfThisMachine() {
    assertEquals("error: --cluster-host 'a..b' does not resolve: give an address of this machine, e.g. 127.0.0.1; "
        + "see 'center node --help'", usageError(Map.of(), "--roles", "monitor", "--cluster-host", "a..b"));
    // 192.0.2.0/24 is for documentation (RFC 5737): no machine has it
    assertEquals("error: --cluster-host 192.0.2.1 is not an address of this machine: give one of its addresses (127.0.0.1, or see "
        + "'ip addr'), and another machine's with --members; see 'center node --help'",
        usageError(Map.of(), "--roles", "monitor", "--cluster-host", "192.0.2.1"));
  }

  /** The configuration of {@code center node ARGS}, with {@code env} as the values of the flags' env vars. */
  private static NodeConfig parse(Map<String, String> env, String... args) {
    CommandLine node = new CommandLine(new NodeCommand());
    node.setDefaultValueProvider(envOf(node, env));
    node.parseArgs(args);
    return ((NodeCommand) node.getCommand()).config();
  }

  /** The error output of {@code center node ARGS}, which must end in exit status 2 before anything starts. */
  private static String usageError(Map<String, String> env, String... args) {
    CommandLine center = Center.commandLine();
    StringWriter err = new StringWriter();
    center.setErr(new PrintWriter(err, true));
    center.setDefaultValueProvider(envOf(center.getSubcommands().get("node"), env));
    List<String> words = new ArrayList<>(List.of("node"));
    words.addAll(List.of(args));
    assertEquals(2, center.execute(words.toArray(String[]::new)), err.toString());
    return err.toString().strip();
  }

  /** {@code env}'s values (by flag) as the values of the flags' env vars ({@link FakeEnv}). */
  private static CommandLine.IDefaultValueProvider envOf(CommandLine node, Map<String, String> env) {
    Map<OptionSpec, String> values = new HashMap<>();
    env.forEach((flag, value) -> values.put(node.getCommandSpec().findOption(flag), value));
    return FakeEnv.of(values);
  }
}
