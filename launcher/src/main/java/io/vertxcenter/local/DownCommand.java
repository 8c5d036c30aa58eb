package io.vertxcenter.local;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code center down}: stops the local cluster that {@code center up} started. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop the local cluster started by 'center up' (SIGTERM, then SIGKILL after 30 s).")
public class DownCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    var state = LocalClusterState.read();
    if (state.isEmpty()) {
      System.out.println("no local cluster is up (nothing in " + LocalClusterState.home() + "): nothing to stop");
      return 0;
    }
    NodeProcesses.stopAll(state.get().nodes(), System.out);
    LocalClusterState.delete();
    return 0;
  }
}
