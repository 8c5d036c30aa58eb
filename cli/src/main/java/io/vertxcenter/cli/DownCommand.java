package io.vertxcenter.cli;

import io.vertxcenter.connect.CliException;
import io.vertxcenter.local.LocalClusterState;
import io.vertxcenter.local.NodeProcesses;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * {@code center down}: stops the local cluster that {@code center up} started, for good. Its
 * supervisor gets SIGTERM and stops the nodes in order (servers first, so they deliver what they
 * have read while the monitors still run; then monitors, clients, workers), and this waits for it
 * and reports each node as it exits. Without a live supervisor, this stops the nodes itself, in
 * the same order. A process counts as one of the cluster's only when its pid, start time and
 * {@code CENTER_HOME} match ({@link NodeProcesses#find}); processes of this {@code CENTER_HOME} that the
 * state file does not name (it is gone or damaged) are found by their command line and stopped too.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop the local cluster started by 'center up': servers first, then monitors, clients and workers "
        + "(SIGTERM, then SIGKILL after 30 s).")
public class DownCommand implements Callable<Integer> {
  /** Long enough for every stage of an ordered stop to use its whole grace period. */
  private static final long SUPERVISOR_TIMEOUT_SECONDS = NodeProcesses.GRACE_SECONDS * (NodeProcesses.STOP_ORDER.size() + 1);

  @Override
  public Integer call() {
    Optional<LocalClusterState> read;
    try {
      read = LocalClusterState.read();
    } catch (CliException e) {
      System.out.println("warning: " + e.getMessage().replaceFirst(": run 'center down'.*", "")
          + ": stopping the processes of " + LocalClusterState.home() + " found by their command line");
      read = Optional.empty();
    }
    read.ifPresent(state -> {
      Optional<ProcessHandle> supervisor = NodeProcesses.find(state.supervisor(), state.supervisorStarted(), true);
      if (supervisor.isPresent() && stoppedBySupervisor(supervisor.get(), state.nodes())) {
        System.out.println("stopped the supervisor (pid " + state.supervisor() + ")");
      } else {
        NodeProcesses.stopInOrder(state.nodes(), System.out);
      }
    });
    boolean stoppedLeftovers = stopLeftovers();
    if (read.isEmpty() && !stoppedLeftovers) {
      System.out.println("no local cluster is up (nothing in " + LocalClusterState.home() + "): nothing to stop");
    }
    LocalClusterState.delete();
    return 0;
  }

  /**
   * Stops what runs for this {@code CENTER_HOME} though the state file does not name it (the file
   * is gone or damaged, or a supervisor died and a node outlived it): supervisors first, which stop
   * their nodes in order, then the nodes left, in order. False when there was none.
   */
  private static boolean stopLeftovers() {
    List<ProcessHandle> found = NodeProcesses.ofThisHome();
    if (found.isEmpty()) {
      return false;
    }
    List<ProcessHandle> supervisors = found.stream().filter(NodeProcesses::isSupervisor).toList();
    List<LocalClusterState.Child> nodes = found.stream().filter(process -> !supervisors.contains(process))
        .map(NodeProcesses::asChild).toList();
    supervisors.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SUPERVISOR_TIMEOUT_SECONDS);
    supervisors.forEach(supervisor -> {
      if (NodeProcesses.exited(supervisor, deadline)) {
        System.out.println("stopped the supervisor (pid " + supervisor.pid() + ") and its nodes");
      } else {
        supervisor.destroyForcibly();
      }
    });
    // what its supervisor did not stop (none, or it was not running), in order
    NodeProcesses.stopInOrder(nodes.stream().filter(node -> NodeProcesses.find(node).isPresent()).toList(), System.out);
    return true;
  }

  /**
   * SIGTERM to the supervisor, which stops the nodes in order; reports each node's exit, in that
   * order. False when the supervisor did not finish in time (it is killed, and the caller stops
   * the nodes).
   */
  private static boolean stoppedBySupervisor(ProcessHandle supervisor, List<LocalClusterState.Child> nodes) {
    List<LocalClusterState.Child> ordered = nodes.stream()
        .sorted(Comparator.comparingInt(node -> NodeProcesses.stage(node.roles()))).toList();
    Map<LocalClusterState.Child, Optional<ProcessHandle>> handles = new LinkedHashMap<>();
    ordered.forEach(node -> handles.put(node, NodeProcesses.find(node)));
    System.out.println("stopping the cluster: servers first, then monitors, clients and workers");
    supervisor.destroy();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SUPERVISOR_TIMEOUT_SECONDS);
    for (var entry : handles.entrySet()) {
      LocalClusterState.Child node = entry.getKey();
      if (entry.getValue().isEmpty()) {
        System.out.println(node.name() + " (pid " + node.pid() + ") was not running");
      } else if (NodeProcesses.exited(entry.getValue().get(), deadline)) {
        System.out.println("stopped " + node.name() + " (pid " + node.pid() + ")");
      }
    }
    if (!NodeProcesses.exited(supervisor, deadline)) {
      System.out.println("the supervisor (pid " + supervisor.pid() + ") did not finish within "
          + SUPERVISOR_TIMEOUT_SECONDS + " s: killing it and stopping the nodes");
      supervisor.destroyForcibly();
      return false;
    }
    return true;
  }
}
