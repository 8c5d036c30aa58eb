package io.vertxcenter.cli;

import static io.vertxcenter.connect.ClusterConnection.ACTION_TIMEOUT;
import static io.vertxcenter.connect.ClusterConnection.QUERY_TIMEOUT;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code center server start|stop|status|params [set …]}: the TCP server of every server node. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Drive the TCP server: start, stop, status, params.",
    subcommands = {ServerCommand.Start.class, ServerCommand.Stop.class, ServerCommand.Status.class,
        ServerCommand.Params.class})
public class ServerCommand extends CommandGroup {
  static final List<Column> STATUS = List.of(
      Column.of("LISTENING", "listening"),
      Column.of("STATE", "state"),
      new Column("ADDRESS", reply -> reply.containsKey("port") ? reply.getValue("host") + ":" + reply.getValue("port") : null),
      Column.of("CONNECTIONS", "connections"),
      Column.of("RECEIVED", "received"),
      Column.of("FORWARDED", "forwarded"),
      Column.of("ACKED", "acked"),
      Column.of("ACK-PORT", "ackPort"),
      Column.of("REJECTED", "rejected"),
      Column.of("INVALID-UTF8", "invalidUtf8"),
      Column.of("PAUSED-MS", "pausedMs"));
  static final List<Column> PARAMS = List.of(
      Column.of("HOST", "host"),
      Column.of("PORT", "port"),
      Column.of("ACK-PORT", "ackPort"),
      Column.of("INSTANCES", "instances"),
      Column.of("MAX-LINE-BYTES", "maxLineBytes"),
      Column.of("MAX-CONNECTIONS", "maxConnections"),
      Column.of("IDLE-TIMEOUT-S", "idleTimeoutSeconds"));

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start listening with the current params.")
  static class Start extends RoleCommand {
    Start() {
      super(Role.SERVER, "start", ACTION_TIMEOUT, STATUS);
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop listening; what was received is still delivered to the monitor.")
  static class Stop extends RoleCommand {
    Stop() {
      super(Role.SERVER, "stop", ACTION_TIMEOUT, STATUS);
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Listening address, connections, and messages received, forwarded, acknowledged, rejected.")
  static class Status extends RoleCommand {
    Status() {
      super(Role.SERVER, "status", QUERY_TIMEOUT, STATUS);
    }
  }

  @Command(name = "params", mixinStandardHelpOptions = true,
      description = "Show the server params; 'params set' changes them while the server is stopped.",
      subcommands = Set.class)
  static class Params extends RoleCommand {
    Params() {
      super(Role.SERVER, "params", QUERY_TIMEOUT, PARAMS);
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = {"Change server params while the server is stopped, as options or KEY=VALUE words:",
          "  center server params set --port 5001 --host 0.0.0.0",
          "  center server params set port=5001 host=0.0.0.0"})
  static class Set extends RoleCommand {
    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
        description = "Params to set: host, port, instances, maxLineBytes (max-line-bytes), maxConnections, idleTimeoutSeconds, ackPort (0: none).")
    List<String> words;

    // Options named as the params' keys, checked and typed by ServerParams.with (RoleCommand.settingArgs).
    @Option(names = "--host", paramLabel = "IP", description = "Address to listen on.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port to listen on (1-65535).")
    String port;

    @Option(names = "--instances", paramLabel = "N", description = "Server verticle instances sharing the port.")
    String instances;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES", description = "Longest line accepted.")
    String maxLineBytes;

    @Option(names = "--max-connections", paramLabel = "N", description = "Most connections at once.")
    String maxConnections;

    Set() {
      super(Role.SERVER, "params-set", ACTION_TIMEOUT, PARAMS);
    }

    @Override
    JsonObject args() {
      JsonObject args = settingArgs(KeyValues.SERVER_PARAMS, words);
      if (args.isEmpty()) {
        throw usageError("nothing to set: give KEY=VALUE words or options, e.g. 'center server params set port=5001'");
      }
      return args;
    }
  }
}
