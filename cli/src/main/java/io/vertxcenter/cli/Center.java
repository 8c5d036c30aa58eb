package io.vertxcenter.cli;

import java.util.Arrays;
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
    System.exit(commandLine(args).execute(args));
  }

  /** The command tree with VertxCenter's error handling: a CLI error prints one line, not a trace. */
  public static CommandLine commandLine() {
    return GlobalOptions.install(CliErrors.install(new CommandLine(new Center())));
  }

  /**
   * The command tree to parse {@code args} with: when the first word names a command (not
   * {@code help} or {@code shell}, which show or run the others), the root with that one command,
   * and the same options and error handling as {@link #commandLine()}; otherwise the whole tree.
   * Picocli builds every command of a tree by reflection, and its own classes are too old for the
   * JVM's class archive to hold (Java 5 class files), so the whole tree cost every one-shot command
   * and every node ~60 ms of CPU before it began.
   */
  static CommandLine commandLine(String[] args) {
    Class<?> command = args.length == 0 ? null : Arrays.stream(Center.class.getAnnotation(Command.class).subcommands())
        .filter(sub -> sub.getAnnotation(Command.class).name().equals(args[0]))
        .filter(sub -> sub != HelpCommand.class && sub != ShellCommand.class)
        .findFirst().orElse(null);
    if (command == null) {
      return commandLine();
    }
    CommandLine root = new CommandLine(new OneCommand());
    root.addSubcommand(new CommandLine(command, CommandLine.defaultFactory()));
    return GlobalOptions.install(CliErrors.install(root));
  }

  /** The root of {@link #commandLine(String[])}'s one-command tree: {@link Center}'s name and options, no commands of its own. */
  @Command(name = "center", mixinStandardHelpOptions = true, version = "VertxCenter 0.1.0")
  static class OneCommand {
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
