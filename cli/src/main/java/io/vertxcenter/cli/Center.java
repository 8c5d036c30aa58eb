package io.vertxcenter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** The {@code center} entry point: the CLI (one-shot or a shell), cluster nodes, and the local cluster. */
@Command(name = "center", mixinStandardHelpOptions = true, version = "VertxCenter 0.1.0",
    description = {"Run and drive a VertxCenter cluster: TCP server, clients, monitor and CPU workers on a clustered event bus.",
        "With no command: an interactive shell ('$ ' prompt, history, tab completion; 'help', 'exit')."},
    footer = {"", "Exit status: 0 ok, 1 the command failed, 2 usage error, 3 cluster or node unreachable."},
    subcommands = {
        ClusterCommand.class,
        ServerCommand.class,
        ClientCommand.class,
        MonitorCommand.class,
        WorkersCommand.class,
        BenchCommand.class,
        UpCommand.class,
        DownCommand.class,
        SuperviseCommand.class,
        ArchiveCommand.class,
        CertsCommand.class,
        ConsoleCommand.class,
        NodeCommand.class,
        Center.ShellCommand.class,
        HelpCommand.class,
    })
public class Center implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  /** {@code center} alone opens the shell ({@code center --cluster H:P}: on that cluster). */
  @Override
  public Integer call() {
    return Shell.run(commandLine(), global.cluster(), null);
  }

  public static void main(String[] args) {
    // Before any Hazelcast class loads: its early warnings go through SLF4J too, one line each.
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    boolean node = args.length > 0 && args[0].equals("node");
    System.exit((node ? nodeCommandLine() : commandLine()).execute(args));
  }

  /** The command tree with VertxCenter's error handling: a CLI error prints one line, not a trace. */
  public static CommandLine commandLine() {
    return GlobalOptions.install(CliErrors.install(new CommandLine(new Center())));
  }

  /**
   * The command tree a node's JVM parses, {@code center node …}: the same root, options and error
   * handling as {@link #commandLine()}, with the one subcommand. Building the whole tree (every
   * command's options, read by reflection) took a node ~0.3 CPU s of its start (bench/up-phases.sh).
   */
  static CommandLine nodeCommandLine() {
    return GlobalOptions.install(CliErrors.install(new CommandLine(new NodeRoot())));
  }

  @Command(name = "center", subcommands = NodeCommand.class)
  static class NodeRoot {
    @Mixin
    GlobalOptions global;
  }

  @Command(name = "shell", mixinStandardHelpOptions = true,
      description = "Open the interactive shell (what 'center' alone does), optionally on another cluster.")
  static class ShellCommand implements Callable<Integer> {
    @Mixin
    ClusterTarget target;

    @Override
    public Integer call() {
      return Shell.run(commandLine(), target.cluster(), target.tokenFile());
    }
  }
}
