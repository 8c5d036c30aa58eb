package io.vertxcenter.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** How the CLI reports errors: one line that says what went wrong and what to do, and the exit status. */
public final class CliErrors {
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

  /** A usage error: the message and where the help is, exit status {@link CliException#USAGE}. */
  public static int usageError(ParameterException error, String[] args) {
    CommandLine cmd = error.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + message(error) + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    return CliException.USAGE;
  }

  /** True when the error is an unknown command word (not an option or a value). */
  public static boolean isUnknownCommand(ParameterException error) {
    return error instanceof UnmatchedArgumentException unmatched
        && !unmatched.isUnknownOption()
        && !error.getCommandLine().getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty();
  }

  private static String message(ParameterException error) {
    if (!(error instanceof UnmatchedArgumentException unmatched)) {
      return error.getMessage();
    }
    String text = isUnknownCommand(error)
        ? "unknown command '" + unmatched.getUnmatched().get(0) + "'"
        : unmatched.isUnknownOption() ? "unknown option '" + unmatched.getUnmatched().get(0) + "'" : error.getMessage();
    return unmatched.getSuggestions().isEmpty() ? text
        : text + " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
  }
}
