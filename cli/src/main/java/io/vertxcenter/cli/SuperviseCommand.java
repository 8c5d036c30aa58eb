package io.vertxcenter.cli;

import io.vertxcenter.local.LocalClusterPlan;
import io.vertxcenter.local.Supervisor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code center supervise} (hidden): the background half of {@code center up -d}, which starts it
 * in a session of its own with its output in {@code $CENTER_HOME/logs/supervisor.log}. It runs the
 * cluster's nodes, marks the state file ready once every node is, starts again a node that exits,
 * and on SIGTERM ({@code center down}) stops them all in order and exits 0. It exits 1 when the
 * cluster does not start.
 */
@Command(name = "supervise", hidden = true, mixinStandardHelpOptions = true,
    description = "Run and supervise the nodes of a local cluster in the background (started by 'center up -d').")
public class SuperviseCommand implements Callable<Integer> {

  @Mixin
  LocalClusterOptions options;

  @Override
  public Integer call() {
    new Supervisor(LocalClusterPlan.make(options.settings()), false, System.out).run(nodes ->
        System.out.println("cluster '" + options.clusterName + "' ready: " + nodes.size() + " nodes, supervised by pid "
            + ProcessHandle.current().pid()));
    return 0;
  }
}
