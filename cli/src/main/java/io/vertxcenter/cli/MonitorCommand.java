package io.vertxcenter.cli;

import static io.vertxcenter.connect.ClusterConnection.QUERY_TIMEOUT;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.monitor.ConsoleMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code center monitor status|tail}: what the monitors received, counted or as a stream. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Look at what the monitor receives: counts and latency, or the live stream.",
    subcommands = {MonitorCommand.Status.class, MonitorCommand.Tail.class})
public class MonitorCommand extends CommandGroup {
  static final List<Column> STATUS = List.of(
      Column.of("MESSAGES", "messages"),
      Column.of("JSON", "json"),
      Column.of("INVALID-JSON", "invalidJson"),
      Column.of("STRINGS", "strings"),
      Column.of("DUPLICATES", "duplicates"),
      Column.of("CUT", "cut"),
      Column.of("ERRORS", "errors"),
      Column.of("RATE/S", "ratePerSec"),
      Column.of("P50-MS", "latencyP50Ms"),
      Column.of("P99-MS", "latencyP99Ms"),
      Column.ago("LAST", "lastReceivedAt"));

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Messages received by kind, duplicates dropped, messages cut at the output limit, lines the monitor"
          + " failed on, rate, and latency from server to monitor.")
  static class Status extends RoleCommand {
    Status() {
      super(Role.MONITOR, "status", QUERY_TIMEOUT, STATUS);
    }
  }

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print the messages the monitors receive as they arrive (best effort), as the monitor shows them,"
          + " until --count or Ctrl-C.")
  static class Tail implements Callable<Integer> {
    /** How often the wait for a message looks for Ctrl-C in the shell. */
    private static final Duration POLL = Duration.ofMillis(250);

    @Mixin
    ClusterTarget target;

    @Mixin
    JsonOutput output;

    @Option(names = "--count", paramLabel = "N", converter = WholeNumber.TailCount.class, description = "Stop after N messages (default: until Ctrl-C).")
    Long count;

    @Override
    public Integer call() {
      // a connection of its own: closing it ends the registration, even in the shell
      try (ClusterConnection connection = target.open()) {
        RoleNodes.withRole(connection, Role.MONITOR, null);
        connection.listen(Addresses.TAP);
        System.err.println("tailing " + Addresses.TAP + " through " + connection.bridge()
            + (count == null ? "; Ctrl-C stops" : "; stopping after " + count + (count == 1 ? " message" : " messages")));
        long printed = 0;
        while ((count == null || printed < count) && !Thread.currentThread().isInterrupted()) {
          var message = connection.nextMessage(POLL);
          if (message.isPresent()) {
            System.out.println(output.enabled()
                ? ControlCharacters.escapeJson(message.get().encode())
                : ConsoleMessage.of(message.get().getString("text", ""), message.get().getBoolean("resent", false)).text());
            printed++;
          }
        }
        return 0;
      } finally {
        Thread.interrupted(); // Ctrl-C in the shell ends the tail, not the shell
      }
    }
  }
}
