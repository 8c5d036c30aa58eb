package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.Settings;
import io.vertxcenter.server.ServerParams;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * Walks the whole {@code center} command tree, every option and positional parameter of every
 * command, and feeds each bad values of its kind (out of range, not a number, bad HOST:PORT, an
 * unknown word, bad KEY=VALUE pairs), on the command line and, where the option reads an env var,
 * through that env var: each must end in exit status 2 and exactly one {@code error:} line naming
 * the option (or env var) and what it takes. A new option whose values nothing checks fails here.
 * Commands are only parsed, never run: nothing connects or starts.
 */
class EveryOptionValueTest {
  /**
   * Values that are any word by design: a node id is checked by the cluster, which knows them;
   * {@code help COMMAND} by picocli's help command.
   */
  private static final Set<String> FREE_TEXT = Set.of("--node", "COMMAND");

  /** Valid values for what a command requires, so that only the value under test is wrong. */
  private static final Map<String, String> REQUIRED = Map.of("--roles", "worker", "N", "1");

  /**
   * The commands whose options set a role's settings, named as their keys ({@code --max-line-bytes}:
   * {@code maxLineBytes}) and checked by the role's own {@code with}: the defaults (a {@code Double}
   * default takes decimals) and the ranges the role owns.
   */
  private static final Map<String, Map.Entry<JsonObject, Map<String, Settings.Range>>> ROLE_SETTINGS = Map.of(
      "center server params set", Map.entry(ServerParams.DEFAULTS.toJson(), ServerParams.RANGES),
      "center client start", Map.entry(LoadPlan.DEFAULTS.toJson(), LoadPlan.RANGES));

  /** One option or positional parameter to try, with the valid args its command requires besides. */
  private record Case(List<String> path, List<String> required, ArgSpec arg, String label, String expected,
      List<String> badValues, String env) {}

  /** One tree for every parse: picocli resets every option before each parse. */
  private final CommandLine root = Center.commandLine();
  private final StringWriter err = new StringWriter();

  @Test
  @DisplayName("every bad value of every option and env var of every command: exit 2, one error line naming it and what it takes")
  void everyOptionRejectsBadValues() {
    List<Case> cases = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    collect(root, cases, problems);
    root.setErr(new PrintWriter(err, true));
    root.setOut(new PrintWriter(new StringWriter(), true));
    root.setExecutionStrategy(EveryOptionValueTest::checkOnly);
    assertTrue(cases.size() > 40, "the walk found only " + cases.size() + " options");
    int runs = 0;
    for (Case c : cases) {
      for (String bad : c.badValues()) {
        List<String> args = new ArrayList<>(c.path());
        args.addAll(c.required());
        if (c.arg() instanceof OptionSpec option) {
          args.add(option.longestName());
        }
        args.add(bad);
        check(run(args, null, null), c, bad, c.label(), args, problems);
        runs++;
        if (c.env() != null) {
          List<String> withoutOption = new ArrayList<>(c.path());
          withoutOption.addAll(c.required());
          check(run(withoutOption, c, bad), c, bad, c.env(), withoutOption, problems);
          runs++;
        }
      }
    }
    assertEquals(List.of(), problems, problems.size() + " problems:\n" + String.join("\n", problems));
    assertTrue(runs > 200, "only " + runs + " bad values tried");
  }

  @Test
  @DisplayName("--cluster and --json are accepted before the command; a global flag the command lacks is a usage error")
  void globalFlags() {
    StringWriter err = new StringWriter();
    CommandLine root = Center.commandLine();
    root.setErr(new PrintWriter(err, true));
    List<String> seen = new ArrayList<>();
    root.setExecutionStrategy(parsed -> {
      CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
      seen.add(last.getCommandSpec().findOption("--cluster").getValue() + " " + last.getCommandSpec().findOption("--json").getValue());
      return 0;
    });
    assertEquals(0, root.execute("--cluster", "10.0.0.1:7001", "--json", "server", "status"), err.toString());
    assertEquals(0, root.execute("--cluster", "10.0.0.1:7001", "server", "status", "--cluster", "10.0.0.2:7002"), err.toString());
    assertEquals(0, root.execute("cluster", "status"), err.toString());
    assertEquals(List.of("10.0.0.1:7001 true", "10.0.0.2:7002 false", "null false"), seen);

    CommandLine checked = Center.commandLine();
    StringWriter checkedErr = new StringWriter();
    checked.setErr(new PrintWriter(checkedErr, true));
    assertEquals(2, checked.execute("--json", "up"));
    assertEquals("error: --json does not apply to 'center up'; it goes with cluster commands, e.g. 'center --json server "
        + "status'; see 'center up --help'", checkedErr.toString().strip());
  }

  /**
   * What a command checks before it sends or starts anything, and nothing more: a role command's
   * args (its {@code KEY=VALUE} words), a node's configuration.
   */
  static int checkOnly(CommandLine.ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    Object command = commands.get(commands.size() - 1).getCommand();
    if (command instanceof NodeCommand node) {
      node.config();
    } else if (command instanceof RoleCommand role) {
      role.args();
    }
    return 0;
  }

  /** Adds a problem unless the result is exit status 2 and one error line naming {@code named} and what it takes. */
  private static void check(Result result, Case c, String bad, String named, List<String> args, List<String> problems) {
    String where = "center " + String.join(" ", args) + (named.equals(c.env()) ? " with " + c.env() + "='" + bad + "'" : "")
        + " -> exit " + result.exitCode() + ": " + result.err().strip();
    List<String> lines = result.err().lines().toList();
    if (result.exitCode() != 2 || lines.size() != 1 || !lines.get(0).startsWith("error: ") || !lines.get(0).contains(named)
        || !lines.get(0).contains(c.expected()) || lines.get(0).chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      problems.add(where + "  [wanted exit 2 and one 'error:' line, without control characters, naming " + named + " and '"
          + c.expected() + "']");
    }
  }

  private record Result(int exitCode, String err) {}

  /** Parses {@code args} (never runs the command); with {@code envCase}, its option reads {@code envValue} as from its env var. */
  private Result run(List<String> args, Case envCase, String envValue) {
    err.getBuffer().setLength(0);
    root.setDefaultValueProvider(null);
    if (envCase != null) {
      CommandLine command = root;
      for (String word : envCase.path()) {
        command = command.getSubcommands().get(word);
      }
      OptionSpec target = command.getCommandSpec().findOption(envCase.label());
      root.setDefaultValueProvider(FakeEnv.of(Map.of(target, envValue)));
    }
    return new Result(root.execute(args.toArray(String[]::new)), err.toString());
  }

  private static void collect(CommandLine command, List<Case> cases, List<String> problems) {
    CommandSpec spec = command.getCommandSpec();
    List<String> path = List.of(spec.qualifiedName().split(" ")).subList(1, spec.qualifiedName().split(" ").length);
    List<ArgSpec> args = new ArrayList<>(spec.options());
    args.addAll(spec.positionalParameters());
    for (ArgSpec arg : args) {
      if (arg.arity().max() == 0 || arg instanceof OptionSpec option && (option.usageHelp() || option.versionHelp())) {
        continue; // a flag: no value to get wrong
      }
      String label = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
      if (FREE_TEXT.contains(label)) {
        continue;
      }
      String where = spec.qualifiedName() + " " + label;
      if (arg instanceof PositionalParamSpec && label.equals("KEY=VALUE")) {
        // a word that is not a key of the settings, and a port out of range, in the words the role itself uses
        cases.add(new Case(path, required(spec, label), arg, label, "KEY=VALUE with KEY one of", List.of("nokey", "=5", "bogus=1"), null));
        cases.add(new Case(path, required(spec, label), arg, label, "port must be a whole number from 1 to 65535",
            List.of("port=abc", "port=70000", "port=-1", "port=1.5"), null));
        cases.add(new Case(path, required(spec, label), arg, label, "'port' needs a value: port=N, N a whole number from 1 to 65535",
            List.of("port", "port="), null));
        continue;
      }
      Case c = ROLE_SETTINGS.containsKey(spec.qualifiedName()) && arg.converters().length == 0
          ? roleSettingCase(path, required(spec, label), arg, label, ROLE_SETTINGS.get(spec.qualifiedName()))
          : caseFor(path, required(spec, label), arg, label, FakeEnv.envOf(arg));
      if (c == null) {
        problems.add(where + " takes a value that nothing checks: give it a ValueConverter "
            + "(or, for a word any text may be, add it to FREE_TEXT here)");
      } else {
        cases.add(c);
      }
    }
    command.getSubcommands().values().stream().filter(sub -> sub.getCommandSpec().parent() == spec)
        .forEach(sub -> collect(sub, cases, problems));
  }

  /** A role setting's option: bad values of its key's kind, the error in the role's own words ({@code port must be …}). */
  private static Case roleSettingCase(List<String> path, List<String> required, ArgSpec arg, String label,
      Map.Entry<JsonObject, Map<String, Settings.Range>> settings) {
    String key = Pattern.compile("-([a-z])").matcher(label.substring(2)).replaceAll(m -> m.group(1).toUpperCase());
    Settings.Range range = settings.getValue().get(key);
    if (!settings.getKey().containsKey(key)) {
      return null;
    }
    if (range == null) {
      return new Case(path, required, arg, label, key + " must be " + Settings.HOST, List.of("", "a b", "a,b", "x\u001b[2J"), null);
    }
    if (settings.getKey().getValue(key) instanceof Double) {
      return new Case(path, required, arg, label, key + " must be " + range.numbers(), decimals(range), null);
    }
    return new Case(path, required, arg, label, key + " must be " + range.wholeNumbers(), wholeNumbers(range.min(), range.max(), Long.MAX_VALUE), null);
  }

  private static Case caseFor(List<String> path, List<String> required, ArgSpec arg, String label, String env) {
    ITypeConverter<?>[] converters = arg.converters();
    if (converters.length == 0 || !(converters[0] instanceof ValueConverter<?> checked)) {
      return null;
    }
    List<String> bad = badValues(checked, arg.type());
    if (bad == null) {
      return null;
    }
    return new Case(path, required, arg, label, checked.expected(), bad, env);
  }

  /** Bad values for each kind of converter; null for a kind this test does not know yet. */
  private static List<String> badValues(ValueConverter<?> checked, Class<?> type) {
    if (checked instanceof WholeNumber<?> number) {
      return wholeNumbers(number.range().min(), number.range().max(),
          type == int.class || type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
    }
    if (checked instanceof Addresses.Bridges) {
      return List.of("127.0.0.1:70000", "127.0.0.1:-1", "127.0.0.1:65536", "127.0.0.1:0", "127.0.0.1", ":7000",
          "127.0.0.1:abc", "bad host:7000", "127.0.0.1:7000,", "127.0.0.1:7000,127.0.0.1:0", ",127.0.0.1:7000");
    }
    if (checked instanceof Addresses.HttpAddress) {
      return List.of("127.0.0.1:70000", "127.0.0.1:0", "127.0.0.1", ":8080", "bad host:8080", "127.0.0.1:8080,127.0.0.1:8081", "");
    }
    if (checked instanceof Addresses.HostName) {
      return List.of("", "a b", "server:8080", "server,a b", "server,,other");
    }
    if (checked instanceof Addresses.Member) {
      return List.of("127.0.0.1:70000", "127.0.0.1:-1", "127.0.0.1:", "", "a b");
    }
    if (checked instanceof Addresses.Host) {
      return List.of("", "a b", "a,b", "x\u001b[2J");
    }
    if (checked instanceof Addresses.ClusterName) {
      return List.of("", "a b");
    }
    if (checked instanceof KeyValues.ClientLoadList) {
      // each pair as KeyValues checks it, and no empty pair; a key given twice across lists is found with all of them (KeyValuesTest)
      return List.of("x", "bogus=1", "=5", "", "bogus,other", "rate=2,bogus=1", "rate=1,", ",", ",rate=1", "rate=1,,port=2");
    }
    if (checked instanceof Choices.Choice<?>) {
      return List.of("bogus", "", ",", "bogus,other");
    }
    if (checked instanceof FilePaths.ReadableFile) {
      return List.of("/nonexistent/vertxcenter-token", "/");
    }
    if (checked instanceof FilePaths.ExistingDirectory) {
      return List.of("/nonexistent/vertxcenter-tls", "/dev/null");
    }
    if (checked instanceof FilePaths.DirectoryToWrite) {
      return List.of("/dev/null");
    }
    return null;
  }

  private static List<String> decimals(Settings.Range range) {
    return List.of(String.valueOf(range.min() - 0.5), String.valueOf(range.max() + 0.5), "abc", "NaN", "");
  }

  private static List<String> wholeNumbers(double min, double max, long typeMax) {
    List<String> bad = new ArrayList<>(List.of("abc", "1.5", "", "1e3", "99999999999999999999"));
    if (min > Long.MIN_VALUE) {
      bad.add(String.valueOf((long) min - 1));
    }
    if (max < typeMax) {
      bad.add(String.valueOf((long) max + 1));
    }
    return bad;
  }

  /** Valid values for what the command requires, besides {@code label}. */
  private static List<String> required(CommandSpec spec, String label) {
    List<String> args = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (option.required() && !option.longestName().equals(label)) {
        args.add(option.longestName());
        args.add(REQUIRED.get(option.longestName()));
      }
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      if (positional.arity().min() > 0 && !positional.paramLabel().equals(label)) {
        args.add(REQUIRED.get(positional.paramLabel()));
      }
    }
    return args;
  }
}
