package io.vertxcenter.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.ClusterConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * A command for a role ({@code server status}, {@code workers scale 4}): sent to every node that has
 * the role, or to one with {@code --node}, and shown as one row per node (or JSON).
 */
abstract class RoleCommand implements Callable<Integer> {
  /** The first column of every reply table: the node the row is from. */
  private static final Column NODE = Column.of("NODE", "node");

  @Spec
  CommandSpec spec;

  @Mixin
  ClusterTarget target;

  @Mixin
  JsonOutput output;

  @Option(names = "--node", paramLabel = "ID",
      description = "Send to this node only (default: every node with the role; ids from 'center cluster status').")
  String node;

  private final Role role;
  private final String action;
  private final Duration timeout;
  private final List<Column> columns;

  /**
   * @param role    the role the command goes to
   * @param action  the action it asks of the role, as the role's command consumer names it
   * @param timeout how long to wait for each node's reply
   * @param columns the table of the replies, after the NODE column every table starts with
   */
  RoleCommand(Role role, String action, Duration timeout, List<Column> columns) {
    this.role = role;
    this.action = action;
    this.timeout = timeout;
    this.columns = Stream.concat(Stream.of(NODE), columns.stream()).toList();
  }

  /** The command's args, checked before anything is sent; a bad value is a {@link #usageError}. */
  JsonObject args() {
    return new JsonObject();
  }

  /**
   * Args from {@code KEY=VALUE} words and from this command's options named as a key of
   * {@code settings} ({@code --max-line-bytes} for {@code maxLineBytes}), each value checked and
   * typed by the role's own check ({@link KeyValues#value}); called from {@link #args()}, before
   * anything is sent. A bad option value is reported as picocli reports one its converter refused,
   * naming the option. (Words are not converted by picocli: on a variable-arity
   * parameter it treats a word its converter refuses as an unknown argument; and a key given twice
   * is seen only in the whole list.)
   *
   * @param words the words (null: none)
   * @throws ParameterException for the first bad word or option value, or a key given twice (each key once)
   */
  JsonObject settingArgs(KeyValues settings, List<String> words) {
    JsonObject args;
    try {
      args = settings.parse(words == null ? List.of() : words);
    } catch (KeyValues.BadWord e) {
      throw badValue(spec.positionalParameters().get(0), e.word(), e.getMessage());
    }
    for (OptionSpec option : spec.options()) {
      String key = settings.key(option.longestName().substring(2));
      if (key == null || !(option.getValue() instanceof String text)) {
        continue;
      }
      if (args.containsKey(key)) {
        throw usageError("'" + key + "' is given twice, as an option and as a KEY=VALUE word: give each key once");
      }
      try {
        args.put(key, settings.value(key, text));
      } catch (Failure.CommandException e) {
        throw badValue(option, text, e.getMessage());
      }
    }
    return args;
  }

  private ParameterException badValue(ArgSpec arg, String value, String why) {
    return new ParameterException(spec.commandLine(), why, new TypeConversionException(why), arg, value);
  }

  ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  @Override
  public Integer call() {
    JsonObject args = args();
    try (ClusterConnection connection = target.connect()) {
      List<String> nodes = RoleNodes.withRole(connection, role, node);
      return print(RoleNodes.send(connection, nodes, role, action, args, timeout));
    }
  }

  /** Prints the replies (failures to stderr, or inside the JSON) and returns the worst exit status. */
  private int print(List<RoleNodes.NodeReply> replies) {
    int exitCode = replies.stream().filter(reply -> reply.error() != null)
        .mapToInt(reply -> reply.error().exitCode()).max().orElse(0);
    if (output.enabled()) {
      JsonArray nodes = new JsonArray();
      for (RoleNodes.NodeReply reply : replies) {
        nodes.add(reply.error() == null
            ? new JsonObject().put("node", reply.node()).mergeIn(reply.body())
            : new JsonObject().put("node", reply.node()).put("error", reply.error().getMessage())
                .put("exitCode", reply.error().exitCode()));
      }
      System.out.println(new JsonObject().put("role", role.label()).put("action", action).put("nodes", nodes)
          .encodePrettily());
      return exitCode;
    }
    List<RoleNodes.NodeReply> answered = replies.stream().filter(reply -> reply.error() == null).toList();
    if (!answered.isEmpty()) {
      Table table = new Table(columns.stream().map(Column::header).toArray(String[]::new));
      for (RoleNodes.NodeReply reply : answered) {
        JsonObject row = new JsonObject().put("node", reply.node()).mergeIn(reply.body());
        table.row(columns.stream().map(column -> column.cell(row)).toArray());
      }
      table.print(System.out);
    }
    replies.stream().filter(reply -> reply.error() != null)
        .forEach(reply -> System.err.println("error: " + reply.node() + ": " + reply.error().getMessage()));
    return exitCode;
  }
}
