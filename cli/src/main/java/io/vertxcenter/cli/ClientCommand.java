package io.vertxcenter.cli;

import static io.vertxcenter.connect.ClusterConnection.ACTION_TIMEOUT;
import static io.vertxcenter.connect.ClusterConnection.QUERY_TIMEOUT;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code center client start|stop|status}: the load generator of every client node. */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Drive the TCP load generator: start, stop, status.",
    subcommands = {ClientCommand.Start.class, ClientCommand.Stop.class, ClientCommand.Status.class})
public class ClientCommand extends CommandGroup {
  static final List<Column> STATUS = List.of(
      Column.of("RUNNING", "running"),
      Column.of("TARGET", "target"),
      Column.of("SENT", "sent"),
      Column.of("ACKED", "acknowledged"),
      Column.of("UNACKED", "unacknowledged"),
      Column.of("RESENT", "resent"),
      Column.of("CONNECTIONS", "connections"),
      Column.of("ERRORS", "errors"),
      Column.of("RATE/S", "ratePerSec"));

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = {"Start sending lines to the server, as options or KEY=VALUE words:",
          "  center client start --connections 4 --rate 5000 --duration 10",
          "  center client start connections=4 rate=5000 duration=10"})
  static class Start extends RoleCommand {
    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
        description = "Settings as words: host, port, connections, rate, count, duration, jsonShare (json-share), size, "
            + "ackPort (ack-port: send to the server's acknowledging port, resending what it did not acknowledge; 0 = the plain port).")
    List<String> words;

    // Options named as the load's keys, checked and typed by LoadPlan.with (RoleCommand.settingArgs).
    @Option(names = "--host", paramLabel = "HOST", description = "Server to connect to (default: the client's own setting).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Server port (default: the client's own setting).")
    String port;

    @Option(names = "--connections", paramLabel = "N", description = "TCP connections to open.")
    String connections;

    @Option(names = "--rate", paramLabel = "MSG/S", description = "Messages per second over all connections; 0 means as fast as possible.")
    String rate;

    @Option(names = "--count", paramLabel = "N", description = "Stop after sending N messages.")
    String count;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many whole seconds.")
    String duration;

    @Option(names = "--json-share", paramLabel = "0..1", description = "Share of lines that are JSON ('JSON|{…}').")
    String jsonShare;

    @Option(names = "--ack-port", paramLabel = "PORT",
        description = "Send to the server's acknowledging port (its ackPort, 5001 under 'up'), resending after a reconnect what it did not acknowledge; 0 (default): the plain port.")
    String ackPort;

    @Option(names = "--size", paramLabel = "BYTES", description = "Bytes per line.")
    String size;

    Start() {
      super(Role.CLIENT, "start", ACTION_TIMEOUT, STATUS);
    }

    @Override
    JsonObject args() {
      return settingArgs(KeyValues.CLIENT_LOAD, words);
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop sending; the status keeps the totals.")
  static class Stop extends RoleCommand {
    Stop() {
      super(Role.CLIENT, "stop", ACTION_TIMEOUT, STATUS);
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Whether it runs, messages sent (acknowledged, unacknowledged, resent: ack port only), connections, errors, rate.")
  static class Status extends RoleCommand {
    Status() {
      super(Role.CLIENT, "status", QUERY_TIMEOUT, STATUS);
    }
  }
}
