package io.vertxcenter.cli;

import static io.vertxcenter.connect.ClusterConnection.ACTION_TIMEOUT;
import static io.vertxcenter.connect.ClusterConnection.QUERY_TIMEOUT;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code center workers status|scale N}: the CPU worker verticles of every worker node. */
@Command(name = "workers", mixinStandardHelpOptions = true,
    description = "Look at and scale the CPU worker verticles.",
    subcommands = {WorkersCommand.Status.class, WorkersCommand.Scale.class})
public class WorkersCommand extends CommandGroup {
  static final List<Column> STATUS = List.of(
      Column.of("INSTANCES", "instances"),
      Column.of("TASKS-DONE", "tasksDone"),
      Column.of("BUSY-MS", "busyMs"));

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Worker instances, tasks done and busy time per node.")
  static class Status extends RoleCommand {
    Status() {
      super(Role.WORKER, "status", QUERY_TIMEOUT, STATUS);
    }
  }

  @Command(name = "scale", mixinStandardHelpOptions = true,
      description = "Run N worker verticle instances on every worker node (or on --node ID).")
  static class Scale extends RoleCommand {
    @Parameters(paramLabel = "N", converter = WholeNumber.WorkerInstances.class, description = "Worker verticle instances per node (0 or more).")
    int instances;

    Scale() {
      super(Role.WORKER, "scale", ACTION_TIMEOUT, STATUS);
    }

    @Override
    JsonObject args() {
      return new JsonObject().put("instances", instances);
    }
  }
}
