package io.vertxcenter.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * {@code --cluster} and {@code --json} before the command, as kubectl and docker take global flags:
 * {@code center --cluster H:P server status}, {@code center --json cluster status}, one-shot and in
 * the shell. A command's own {@code --cluster}/{@code --json} (its {@link ClusterTarget} and
 * {@link JsonOutput}) takes the global value as its default, so the order of precedence is: the
 * command's own flag, the global flag, the shell's cluster, {@code CENTER_CLUSTER}, the local
 * cluster. A global flag before a command that has no such option ({@code center --json up}) is a
 * usage error. A mixin of the root command; {@link #install} wires it.
 */
public class GlobalOptions {
  private static final String JSON = "--json";

  @Option(names = ClusterTarget.OPTION, paramLabel = "HOST:PORT[,...]", converter = Addresses.Bridges.class,
      description = "CLI bridge(s) of the cluster for the command that follows (as the command's own --cluster).")
  String cluster;

  @Option(names = JSON, description = "JSON output for the command that follows (as the command's own --json).")
  boolean json;

  /** The shell's cluster: the default of every command it runs; null outside a shell opened on one. */
  private String shellCluster;
  /** The shell's token file: the default of every command it runs; null outside a shell opened with one. */
  private Path shellTokenFile;

  /** The cluster named before the command, or null. */
  public String cluster() {
    return cluster;
  }

  /**
   * Makes the shell's {@code --cluster} and {@code --token-file} the defaults of every command it runs.
   *
   * @param cluster   HOST:PORT, or null for the usual default
   * @param tokenFile the cluster token's file, or null for the usual default
   */
  void useShellTarget(String cluster, Path tokenFile) {
    this.shellCluster = cluster;
    this.shellTokenFile = tokenFile;
  }

  /**
   * Wires the root command's global options into {@code commandLine}: the defaults of each
   * command's own options, and the check that the command that runs has them.
   *
   * @param commandLine the root of the command tree, with this mixin on its root command
   * @return {@code commandLine}
   */
  public static CommandLine install(CommandLine commandLine) {
    GlobalOptions global = of(commandLine);
    commandLine.setDefaultValueProvider(arg -> global.defaultFor(arg, commandLine));
    commandLine.setExecutionStrategy(parsed -> {
      global.checkApplies(parsed);
      return new RunLast().execute(parsed);
    });
    return commandLine;
  }

  /** The global options of a command tree that {@link #install} wired. */
  static GlobalOptions of(CommandLine commandLine) {
    return commandLine.getCommandSpec().mixins().values().stream()
        .map(mixin -> mixin.userObject()).filter(GlobalOptions.class::isInstance).map(GlobalOptions.class::cast)
        .findFirst().orElseThrow(() -> new IllegalStateException("the root command has no GlobalOptions mixin"));
  }

  private String defaultFor(ArgSpec arg, CommandLine root) {
    if (!(arg instanceof OptionSpec option) || option.command() == root.getCommandSpec()) {
      return null;
    }
    if (option.longestName().equals(ClusterTarget.OPTION)) {
      return cluster != null ? cluster : shellCluster;
    }
    if (option.longestName().equals(ClusterTarget.TOKEN_FILE_OPTION) && shellTokenFile != null) {
      return shellTokenFile.toString();
    }
    if (option.longestName().equals(JSON) && json) {
      return "true";
    }
    return null;
  }

  /** A global flag the command that runs does not have is a usage error, not silently ignored. */
  private void checkApplies(ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    CommandLine last = commands.get(commands.size() - 1);
    for (String name : List.of(ClusterTarget.OPTION, JSON)) {
      boolean given = parsed.hasMatchedOption(name);
      boolean applies = last != commands.get(0) && last.getCommandSpec().findOption(name) != null;
      boolean shellCluster = last == commands.get(0) && name.equals(ClusterTarget.OPTION);
      if (given && !applies && !shellCluster) {
        throw new ParameterException(last, name + " does not apply to '" + last.getCommandSpec().qualifiedName()
            + "'; it goes with cluster commands, e.g. 'center " + name + (name.equals(JSON) ? "" : " HOST:PORT")
            + " server status'");
      }
    }
  }
}
