package io.vertxcenter.cli;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.connect.CliException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** How the CLI reports errors: one line that says what went wrong and what to do, and the exit status. */
public final class CliErrors {
  /** An option's default taken from the environment: {@code ${env:CENTER_CLUSTER}} or {@code ${env:NAME:-default}}. */
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

  /** A quoted part of a message: {@code 'text'}, the quotes excluded from the group; a quoted part spans lines too. */
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'", Pattern.DOTALL);

  /** How much of a value an error line shows. */
  static final int SHOWN_CHARACTERS = 40;

  private CliErrors() {}

  /** Installs the handlers on a command tree. */
  public static CommandLine install(CommandLine commandLine) {
    commandLine.setParameterExceptionHandler(CliErrors::usageError);
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      if (error instanceof CliException cli) {
        cmd.getErr().println("error: " + cli.getMessage());
        return cli.exitCode();
      }
      throw error;
    });
    return commandLine;
  }

  /**
   * A usage error of a one-shot command: one line, the message and where the help is ({@code see
   * 'center help'} for an unknown command, else {@code see 'center server --help'}); exit status
   * {@link CliException#USAGE}. Under {@code --json} the line is JSON for scripts:
   * {@code {"error":"<message>; see '…'","exit":2}}, on stderr too.
   */
  public static int usageError(ParameterException error, String[] args) {
    return usageError(error, args, "center ");
  }

  /**
   * A usage error in the shell: an unknown command as the original shell answered it, {@code Invalid
   * command: bogus!} (the typed word {@link #shown}), then picocli's suggestion on its own line when it
   * has one ({@code did you mean status?}), then the help of the command group it was typed in; any
   * other usage error as {@link #usageError(ParameterException, String[])}, with the shell's commands
   * ({@code see 'help'}). Exit status {@link CliException#USAGE} either way.
   */
  static int shellUsageError(ParameterException error, String[] args) {
    if (!isUnknownCommand(error)) {
      return usageError(error, args, "");
    }
    UnmatchedArgumentException unmatched = (UnmatchedArgumentException) error;
    CommandLine cmd = error.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("Invalid command: " + shown(unmatched.getUnmatched().get(0)) + "!");
    if (!unmatched.getSuggestions().isEmpty()) {
      err.println("did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
    }
    cmd.usage(err);
    err.flush();
    return CliException.USAGE;
  }

  /** @param prefix what a command starts with where it is typed: {@code "center "} in a terminal, nothing in the shell */
  private static int usageError(ParameterException error, String[] args, String prefix) {
    CommandLine cmd = error.getCommandLine();
    String command = cmd.getCommandSpec().qualifiedName().replaceFirst("^" + Pattern.quote(cmd.getCommandSpec().root().name()) + " ?", "");
    String help = command.isEmpty() ? prefix + "help" : prefix + command + " --help";
    String message = message(error, args) + "; see '" + help + "'";
    cmd.getErr().println(jsonRequested(cmd) ? new JsonObject().put("error", message).put("exit", CliException.USAGE).encode()
        : "error: " + message);
    cmd.getErr().flush();
    return CliException.USAGE;
  }

  /**
   * Whether the command that failed takes {@code --json} ({@link JsonOutput}) and the command line
   * parsed so far asked for it: {@code --json} before the command (the global flag) or on the command.
   * Picocli sets a flag's field as it reads it, so a {@code --json} after the mistake is not seen,
   * and the error is plain text; so is a {@code --json} before a command without it ({@code center --json up}).
   */
  private static boolean jsonRequested(CommandLine cmd) {
    CommandLine root = cmd;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    boolean global = GlobalOptions.of(root).json;
    return cmd.getCommandSpec().mixins().values().stream().map(CommandSpec::userObject)
        .anyMatch(mixin -> mixin instanceof JsonOutput json && (global || json.enabled()));
  }

  /**
   * {@code text} as an error line may show what a user gave: its first {@value #SHOWN_CHARACTERS}
   * characters then {@code …} when longer, control characters escaped ({@link ControlCharacters}).
   */
  public static String shown(String text) {
    return ControlCharacters.shown(text, SHOWN_CHARACTERS);
  }

  /**
   * A message of picocli's or ours, whose quoted parts ({@code 'value'}) may be what a user typed:
   * each quoted part {@link #shown} (cut and escaped), the rest escaped.
   */
  static String quotedShown(String message) {
    Matcher quoted = QUOTED.matcher(message);
    StringBuilder result = new StringBuilder();
    int end = 0;
    while (quoted.find()) {
      result.append(ControlCharacters.escape(message.substring(end, quoted.start()))).append('\'')
          .append(shown(quoted.group(1))).append('\'');
      end = quoted.end();
    }
    return result.append(ControlCharacters.escape(message.substring(end))).toString();
  }

  /**
   * Where a bad value came from: {@code for --cluster}, {@code for KEY=VALUE}, or, when the option
   * is not on the command line but its default reads an env var, {@code in CENTER_CLUSTER (--cluster)}
   * (picocli gives the default as declared, {@code ${env:CENTER_CLUSTER}}, before it reads the variable).
   */
  private static String source(ArgSpec arg, String[] args) {
    if (arg instanceof PositionalParamSpec positional) {
      return "for " + positional.paramLabel();
    }
    OptionSpec option = (OptionSpec) arg;
    boolean given = Arrays.stream(args).anyMatch(word -> Arrays.stream(option.names())
        .anyMatch(name -> word.equals(name) || word.startsWith(name + "=")));
    Matcher env = ENV_DEFAULT.matcher(String.valueOf(option.defaultValueString(false)));
    if (!given && env.find()) {
      return "in " + env.group(1) + " (" + option.longestName() + ")";
    }
    return "for " + option.longestName();
  }

  /** True when the error is an unknown command word (not an option or a value). */
  private static boolean isUnknownCommand(ParameterException error) {
    return error instanceof UnmatchedArgumentException unmatched
        && !unmatched.isUnknownOption()
        && !error.getCommandLine().getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty();
  }

  private static String message(ParameterException error, String[] args) {
    if (error.getCause() instanceof TypeConversionException conversion && error.getArgSpec() != null) {
      return "invalid value " + source(error.getArgSpec(), args) + ": '" + shown(error.getValue()) + "' ("
          + conversion.getMessage() + ")";
    }
    if (!(error instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return quotedShown(error.getMessage());
    }
    String text = isUnknownCommand(error)
        ? "unknown command '" + shown(unmatched.getUnmatched().get(0)) + "'"
        : unmatched.isUnknownOption() ? "unknown option '" + shown(unmatched.getUnmatched().get(0)) + "'"
        : "unexpected argument '" + shown(unmatched.getUnmatched().get(0)) + "'";
    return unmatched.getSuggestions().isEmpty() ? text
        : text + " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
  }
}
