package io.vertxcenter.launcher;

import io.vertxcenter.cli.BenchCommand;
import io.vertxcenter.cli.CliException;
import io.vertxcenter.cli.ClusterCommand;
import io.vertxcenter.local.DownCommand;
import io.vertxcenter.local.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code center} entry point: cluster nodes, the local cluster, and the CLI. */
@Command(name = "center", mixinStandardHelpOptions = true, version = "VertxCenter 0.1.0",
    description = "Run and drive a VertxCenter cluster: TCP server, clients, monitor and CPU workers on a clustered event bus.",
    subcommands = {UpCommand.class, DownCommand.class, NodeCommand.class, ClusterCommand.class, BenchCommand.class, HelpCommand.class})
public class Center implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    // Before any Hazelcast class loads: its early warnings go through SLF4J too, one line each.
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    System.exit(commandLine().execute(args));
  }

  /** The command tree with VertxCenter's error handling: a CLI error prints one line, not a trace. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Center());
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      if (error instanceof CliException cli) {
        cmd.getErr().println("error: " + cli.getMessage());
        return cli.exitCode();
      }
      throw error;
    });
    return commandLine;
  }
}
