package io.vertxcenter.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * {@code help [COMMAND...]}: the help of the command the words name, along the whole path, so
 * {@code help server params set} shows {@code server params set}'s help, as {@code server params set
 * --help} does (picocli's own help command looks at the first word only). A word that names no
 * command is a usage error as an unknown command is ({@code error: unknown command 'foo'; see
 * 'center help'}), the word shown cut and escaped ({@link CliErrors#shown}).
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
    description = "Show the help of a command, e.g. 'help server params set'.")
final class HelpCommand implements IHelpCommandInitializable2, Runnable {
  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command's words, e.g. server params set.")
  List<String> words = List.of();

  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  /**
   * Prints the help of the named command to the command's out.
   *
   * @throws ParameterException when a word names no subcommand of the one before it (exit status 2)
   */
  @Override
  public void run() {
    CommandLine target = self.getParent();
    for (String word : words) {
      CommandLine next = target.getSubcommands().get(word);
      if (next == null) {
        if (target.getSubcommands().isEmpty()) {
          throw new ParameterException(target, "'" + target.getCommandSpec().qualifiedName() + "' has no subcommand '"
              + CliErrors.shown(word) + "'");
        }
        throw new UnmatchedArgumentException(target, List.of(word));
      }
      target = next;
    }
    target.usage(out, colors);
    out.flush();
  }
}
