package io.vertxcenter.cli;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.local.LiveClusterCheck;
import io.vertxcenter.local.LocalClusterPlan;
import io.vertxcenter.local.LocalClusterState;
import io.vertxcenter.local.LocalSecurity;
import io.vertxcenter.local.NodeClassArchive;
import io.vertxcenter.local.NodeProcesses;
import io.vertxcenter.local.Supervisor;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code center up}: the whole cluster on this machine, one JVM per role (server, monitor, client,
 * and K worker JVMs), each a real cluster node, kept running by a {@link Supervisor}. In the
 * foreground, this process is the supervisor: it prints the nodes once all are ready, streams
 * their output, and stops them on Ctrl-C. With {@code -d}, it starts {@code center supervise} in
 * the background and returns once that reports every node ready.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start a local cluster: server, monitor, client and worker JVMs on this machine.",
        "A node that exits is started again (after 1 s, doubling to 30 s); Ctrl-C or 'center down' stops them all, "
            + "servers first."})
public class UpCommand implements Callable<Integer> {
  /** The background supervisor only starts processes and polls a bridge: a small, quick JVM. */
  private static final List<String> SUPERVISOR_JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx64m");
  /** How long past {@code --timeout} to wait for the background supervisor's verdict. */
  private static final long VERDICT_MARGIN_SECONDS = 60;

  @Mixin
  LocalClusterOptions options;

  @Option(names = {"-d", "--detach"}, description = "Start in the background and return once ready; stop with 'center down'.")
  boolean detach;

  @Override
  public Integer call() throws Exception {
    refuseIfUp();
    requireWritableLogs();
    LocalClusterPlan plan = LocalClusterPlan.make(options.settings());
    LiveClusterCheck.refuseOverLiveCluster(plan);
    long started = System.nanoTime();
    ClusterToken token = LocalSecurity.token();
    if (detach) {
      return startInBackground(token, started);
    }
    new Supervisor(plan, true, System.out).run(nodes -> {
      printReady(nodes, started);
      System.out.println("streaming node output; Ctrl-C stops the cluster");
    });
    return 0;
  }

  /**
   * Refuses to start over a cluster of this {@code CENTER_HOME} that still runs: the one the state
   * file names, or processes that outlived their supervisor (found by their command line).
   */
  private static void refuseIfUp() {
    LocalClusterState.read().ifPresent(state -> {
      List<String> alive = Stream.concat(
              NodeProcesses.find(state.supervisor(), state.supervisorStarted(), true)
                  .map(handle -> "supervisor (pid " + handle.pid() + ")").stream(),
              state.nodes().stream().filter(node -> NodeProcesses.find(node).isPresent())
                  .map(node -> node.name() + " (pid " + node.pid() + ")"))
          .toList();
      if (!alive.isEmpty()) {
        throw new CliException(CliException.FAILED, "a local cluster is already up: " + String.join(", ", alive)
            + "; stop it with 'center down' first");
      }
    });
    List<String> left = NodeProcesses.ofThisHome().stream()
        .map(handle -> NodeProcesses.asChild(handle).name() + " (pid " + handle.pid() + ")").toList();
    if (!left.isEmpty()) {
      throw new CliException(CliException.FAILED, "processes of an earlier cluster of " + LocalClusterState.home()
          + " still run without their supervisor: " + String.join(", ", left) + "; stop them with 'center down' first");
    }
  }

  /** How much {@link #requireWritableLogs} writes to see that the logs directory takes data (a full disk does not). */
  private static final int LOG_CHECK_BYTES = 64 * 1024;

  /**
   * Fails with one line naming the path and why when {@code $CENTER_HOME/logs} cannot be made or
   * written (read-only, not permitted, disk full): the nodes' output would otherwise be lost unseen.
   */
  private static void requireWritableLogs() {
    try {
      Path probe = Files.createTempFile(LocalSecurity.logsDirectory(), ".write-check", "");
      try {
        Files.write(probe, new byte[LOG_CHECK_BYTES]);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException e) {
      String path = e instanceof FileSystemException failed && failed.getFile() != null
          ? failed.getFile() : LocalClusterState.home().resolve("logs").toString();
      String why = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof FileSystemException failed && failed.getReason() != null ? failed.getReason() : e.getMessage();
      throw new CliException(CliException.FAILED, "cannot write " + path + " (" + why + "), where 'center up' keeps the"
          + " node logs; make it writable or free space there, or set CENTER_HOME to a writable directory");
    }
  }

  /** Starts {@code center supervise} in a session of its own and waits until it reports the cluster ready. */
  private int startInBackground(ClusterToken token, long started) throws IOException {
    Path log = LocalSecurity.logsDirectory().resolve("supervisor.log");
    LocalSecurity.privateLog(log);
    List<String> args = new ArrayList<>(List.of("supervise"));
    args.addAll(options.args());
    Process supervisor = new ProcessBuilder(NodeProcesses.command(supervisorJvmFlags(), args))
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    // Ctrl-C while waiting: the supervisor stops what it has started.
    Thread abort = new Thread(supervisor::destroy, "abort-up");
    Runtime.getRuntime().addShutdownHook(abort);
    LocalClusterState state = awaitReady(supervisor, log);
    Runtime.getRuntime().removeShutdownHook(abort);

    Set<Long> pids = state.nodes().stream().map(LocalClusterState.Child::pid).collect(Collectors.toSet());
    try (ClusterConnection connection = ClusterConnection.open(state.bridges(), token)) {
      printReady(connection.clusterStatus().getJsonArray("nodes").stream()
          .map(node -> NodeInfo.fromJson((JsonObject) node)).filter(node -> pids.contains(node.pid())).toList(), started);
    }
    System.out.println("running in the background, supervised by pid " + supervisor.pid() + "; logs in "
        + log.getParent() + "; stop with 'center down'");
    return 0;
  }

  /**
   * The supervisor's JVM flags: {@link #SUPERVISOR_JVM_FLAGS}, and the nodes' class archive when it
   * is up to date (it holds the command line's classes too, as the nodes start through it).
   */
  private static List<String> supervisorJvmFlags() {
    List<String> flags = new ArrayList<>(SUPERVISOR_JVM_FLAGS);
    NodeClassArchive archive = NodeClassArchive.forClassPath(System.getProperty("java.class.path"));
    if (archive != null) {
      flags.addAll(archive.flags());
    }
    return flags;
  }

  /** Waits until the supervisor marks the state file ready, or fails with what the supervisor said. */
  private LocalClusterState awaitReady(Process supervisor, Path log) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutSeconds + VERDICT_MARGIN_SECONDS);
    while (supervisor.isAlive()) {
      Optional<LocalClusterState> ready = LocalClusterState.read()
          .filter(state -> state.supervisor() == supervisor.pid() && state.ready());
      if (ready.isPresent()) {
        return ready.get();
      }
      if (System.nanoTime() > deadline) {
        supervisor.destroy();
        throw new CliException(CliException.FAILED, "the cluster was not ready within "
            + (options.timeoutSeconds + VERDICT_MARGIN_SECONDS) + " s; the supervisor's log: " + log);
      }
      Supervisor.pause();
    }
    throw new CliException(CliException.FAILED, "the cluster did not start: " + lastError(log)
        + " (the supervisor's log: " + log + ")");
  }

  /** The supervisor's error line ({@code error: …}), or its last line. */
  private static String lastError(Path log) {
    try {
      List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
      return lines.stream().filter(line -> line.startsWith("error: ")).reduce((first, second) -> second)
          .map(line -> line.substring("error: ".length()))
          .orElse(lines.isEmpty() ? "it exited without a word" : lines.get(lines.size() - 1));
    } catch (IOException e) {
      return "its log cannot be read (" + e.getMessage() + ")";
    }
  }

  private void printReady(List<NodeInfo> nodes, long started) {
    System.out.printf("cluster '%s' ready in %.1f s%n", options.clusterName, (System.nanoTime() - started) / 1e9);
    ClusterCommand.printNodes(System.out, options.clusterName, nodes);
  }
}
