package io.vertxcenter.local;

import io.vertxcenter.common.Role;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a local cluster: how they are started (each in a session of its own, so that
 * Ctrl-C in the terminal reaches only {@code center up}, which stops them in order) and how they
 * are stopped: in order, SIGTERM, a grace period, then SIGKILL.
 */
public final class NodeProcesses {
  static final String MAIN_CLASS = "io.vertxcenter.cli.Center";

  /** What Hazelcast asks for to use its fast paths; {@code java -jar center.jar} gets them from the manifest. */
  static final List<String> HAZELCAST_JVM_FLAGS = List.of(
      "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
  /** How long a node gets to exit after SIGTERM, in seconds, before SIGKILL. */
  public static final long GRACE_SECONDS = 30;
  /**
   * The order of a planned stop: servers stop reading and deliver what they have read while the
   * monitors still run, then monitors, clients and workers.
   */
  public static final List<Role> STOP_ORDER = List.of(Role.SERVER, Role.MONITOR, Role.CLIENT, Role.WORKER);

  private NodeProcesses() {}

  /**
   * {@code java JVM-FLAGS -cp CLASSPATH io.vertxcenter.cli.Center ARGS}, with this JVM's java
   * and class path, run through {@code setsid} where there is one (a session of its own: no
   * signal from the terminal reaches it).
   */
  public static List<String> command(List<String> jvmFlags, List<String> centerArgs) {
    List<String> command = new ArrayList<>();
    setsid().ifPresent(command::add);
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
    command.addAll(centerArgs);
    return command;
  }

  private static Optional<String> setsid() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "setsid");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /**
   * The live process with this pid, if it is one of ours: a {@code center} JVM (a pid can be
   * reused by another program).
   */
  public static Optional<ProcessHandle> find(long pid) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().commandLine()
            .map(line -> line.contains(MAIN_CLASS) || line.contains("center.jar")).orElse(false));
  }

  /**
   * Stops the nodes in {@link #STOP_ORDER}: each group gets SIGTERM together and is waited for
   * (killed if still running after {@link #GRACE_SECONDS}) before the next group is told.
   * Prints one line per node.
   */
  public static void stopInOrder(List<LocalClusterState.Child> nodes, PrintStream out) {
    Map<Integer, List<LocalClusterState.Child>> stages = new TreeMap<>();
    for (LocalClusterState.Child node : nodes) {
      stages.computeIfAbsent(stage(node.roles()), key -> new ArrayList<>()).add(node);
    }
    stages.values().forEach(stage -> stopTogether(stage, out));
  }

  /** The place of a node in the stop order: that of its earliest role. */
  public static int stage(String roles) {
    return Role.parseList(roles).stream().mapToInt(STOP_ORDER::indexOf).min().orElse(STOP_ORDER.size());
  }

  private static void stopTogether(List<LocalClusterState.Child> nodes, PrintStream out) {
    List<CompletableFuture<String>> exits = nodes.stream().map(node -> find(node.pid())
        .map(handle -> {
          handle.destroy();
          return handle.onExit()
              .completeOnTimeout(null, GRACE_SECONDS, TimeUnit.SECONDS)
              .thenApply(exited -> {
                if (exited == null) {
                  handle.destroyForcibly();
                  handle.onExit().completeOnTimeout(null, GRACE_SECONDS, TimeUnit.SECONDS).join();
                  return "killed " + node.name() + " (pid " + node.pid() + "): still running after " + GRACE_SECONDS + " s";
                }
                return "stopped " + node.name() + " (pid " + node.pid() + ")";
              });
        })
        .orElse(CompletableFuture.completedFuture(node.name() + " (pid " + node.pid() + ") was not running")))
        .toList();
    exits.forEach(exit -> out.println(exit.join()));
  }
}
