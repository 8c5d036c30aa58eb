package io.vertxcenter.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Stopping the node processes of a local cluster: SIGTERM, a grace period, then SIGKILL. */
final class NodeProcesses {
  static final String MAIN_CLASS = "io.vertxcenter.launcher.Center";

  /** What Hazelcast asks for to use its fast paths; {@code java -jar center.jar} gets them from the manifest. */
  static final List<String> JVM_FLAGS = List.of(
      "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
  private static final long GRACE_SECONDS = 30;

  private NodeProcesses() {}

  /** The live process with this pid, if it is one of ours (a pid can be reused by another program). */
  static Optional<ProcessHandle> find(long pid) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().commandLine().map(line -> line.contains(MAIN_CLASS)).orElse(false));
  }

  /** Sends SIGTERM to every node, waits for all to exit, and kills those still running after the grace period. */
  static void stopAll(List<LocalClusterState.Child> nodes, PrintStream out) {
    List<CompletableFuture<String>> exits = nodes.stream().map(node -> find(node.pid())
        .map(handle -> {
          handle.destroy();
          return handle.onExit()
              .completeOnTimeout(null, GRACE_SECONDS, TimeUnit.SECONDS)
              .thenApply(exited -> {
                if (exited == null) {
                  handle.destroyForcibly();
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
