package io.vertxcenter.cli;

import io.vertxcenter.connect.CliException;
import io.vertxcenter.local.LocalClusterState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * The interactive shell, as the original's command loop: every line is a {@code center} command.
 * On a terminal: prompt {@code $ }, history, tab completion (JLine and picocli); piped, plain lines
 * from stdin. An empty line is ignored; an unknown command is answered as the original's shell did,
 * {@code Invalid command: foo!} and the help ({@link CliErrors#shellUsageError}); another usage error
 * prints one line as the one-shot CLI's does, pointing at the shell's own help; an error
 * prints; the shell goes on until {@code exit} or the end of input, and exits with the status of
 * its last command, as {@code sh} does. A line with a quote it never closes is not run: piped, it
 * is an error ({@code error: unterminated quote}); on a terminal, the line goes on on the next one.
 * When the node whose bridge it talks to dies, the next command goes through the next bridge of the cluster ({@link ShellConnections}).
 */
public final class Shell {
  private static final String PROMPT = "$ ";
  private static final String HISTORY_FILE = "history";

  private final CommandLine commandLine;
  private final DefaultParser parser = new DefaultParser().eofOnUnclosedQuote(true);
  private boolean exitRequested;
  /** The exit status of the last command run (a line that is not a command, an unterminated quote say: 2); 0 before any. */
  private int lastStatus;

  private Shell(CommandLine commandLine, String cluster, Path tokenFile) {
    this.commandLine = commandLine;
    commandLine.getCommandSpec().removeSubcommand("shell");
    commandLine.addSubcommand(new Exit());
    commandLine.setParameterExceptionHandler(CliErrors::shellUsageError);
    // a line of global flags alone ('--json') names no command: not a shell inside the shell
    CommandLine.IExecutionStrategy strategy = commandLine.getExecutionStrategy();
    commandLine.setExecutionStrategy(parsed -> {
      if (!parsed.hasSubcommand()) {
        throw new ParameterException(commandLine, "missing command after the global flags, e.g. '--json cluster status'");
      }
      return strategy.execute(parsed);
    });
    GlobalOptions.of(commandLine).useShellTarget(cluster == null || cluster.isBlank() ? null : cluster, tokenFile);
  }

  /**
   * Runs the shell on {@code commandLine} (the whole command tree) until {@code exit} or the end of
   * input, reusing one cluster connection across commands.
   *
   * @param cluster   the cluster every command talks to unless it names one, or null for the default
   * @param tokenFile the cluster token's file every command uses unless it names one, or null for the default
   * @return the exit status of the last command, as {@code sh} returns (0 when it succeeded, or when
   *     there was none; {@code exit} itself does not count), so a script that pipes commands in sees
   *     whether its last one failed
   */
  public static int run(CommandLine commandLine, String cluster, Path tokenFile) {
    Shell shell = new Shell(commandLine, cluster, tokenFile);
    try (ShellConnections connections = new ShellConnections().useIn(commandLine)) {
      if (System.console() != null) {
        shell.interactive();
      } else {
        shell.piped();
      }
      return shell.lastStatus;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void piped() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while (!exitRequested && (line = in.readLine()) != null) {
      try {
        execute(parser.parse(line, line.length(), ParseContext.ACCEPT_LINE).words());
      } catch (EOFError e) {
        // the only EOFError of a line parsed whole: a quote that is never closed
        System.err.println("error: unterminated quote in: " + CliErrors.shown(line) + "; close it, or escape it with \\");
        lastStatus = CliException.USAGE;
      } catch (SyntaxError e) {
        System.err.println("error: " + CliErrors.quotedShown(e.getMessage()) + " in: " + CliErrors.shown(line));
        lastStatus = CliException.USAGE;
      }
    }
  }

  private void interactive() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("center")
          .parser(parser)
          .completer(new PicocliJLineCompleter(commandLine.getCommandSpec()))
          .variable(LineReader.HISTORY_FILE, LocalClusterState.home().resolve(HISTORY_FILE))
          .build();
      Thread shellThread = Thread.currentThread();
      // Ctrl-C while a command runs stops that command (monitor tail), not the shell
      terminal.handle(Terminal.Signal.INT, signal -> shellThread.interrupt());
      while (!exitRequested) {
        try {
          reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return;
        }
        execute(reader.getParsedLine().words());
      }
    }
  }

  private void execute(List<String> words) {
    List<String> args = words.stream().filter(word -> !word.isEmpty()).toList();
    if (!args.isEmpty() && args.get(0).equals("center")) {
      args = args.subList(1, args.size());
    }
    if (args.isEmpty()) {
      return;
    }
    try {
      int status = commandLine.execute(args.toArray(String[]::new));
      if (!exitRequested) {
        lastStatus = status;
      }
    } catch (RuntimeException e) {
      System.err.println("error: " + CliErrors.quotedShown(String.valueOf(e)));
      lastStatus = CliException.FAILED;
    } finally {
      Thread.interrupted();
      System.out.flush();
    }
  }

  @Command(name = "exit", aliases = "quit", mixinStandardHelpOptions = true, description = "Leave the shell.")
  final class Exit implements Runnable {
    @Override
    public void run() {
      exitRequested = true;
    }
  }
}
