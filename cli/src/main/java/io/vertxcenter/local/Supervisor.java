package io.vertxcenter.local;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.local.LocalClusterPlan.LocalNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import sun.misc.Signal;

/**
 * Runs the node JVMs of a local cluster and keeps them running: the process behind
 * {@code center up} (in the foreground) and {@code center supervise} (what {@code up -d} leaves in
 * the background).
 *
 * <p>It makes the nodes' class archive when there is none for this build ({@link NodeClassArchive}),
 * starts every node at once and waits until the registry lists every one ready; a node that exits
 * before that fails the start. In the foreground, each node's standard input is a pipe this
 * process holds: when it exits, however (SIGKILL too), the pipe ends and so do the nodes. From then on, a node that exits without being told
 * to is started again with the same command line after a back-off ({@link RestartBackoff}: 1 s
 * doubling to 30 s), with one log line {@code restarted <node> (exit <status>)}; the state file
 * names the new pid. SIGTERM, SIGINT or SIGHUP stop the whole cluster for good, in order (servers
 * first, see {@link NodeProcesses#stopInOrder}).
 */
public final class Supervisor {
  /**
   * How often readiness is polled, in ms: by the supervisor (a status query over a bridge, which
   * nodes answer only once they have started) and by {@code up -d} (a read of the state file).
   * Each poll costs well under a millisecond; every 200 ms added ~0.2 s on average to {@code up -d}.
   */
  private static final long POLL_MILLIS = 50;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  /** One node of the plan and its current process. Guarded by the supervisor's lock. */
  private static final class Running {
    final LocalNode node;
    final RestartBackoff backoff = new RestartBackoff();
    Process process;
    long startedNanos;
    ScheduledFuture<?> restart;

    Running(LocalNode node) {
      this.node = node;
    }
  }

  private final LocalClusterPlan plan;
  private final boolean foreground;
  private final PrintStream out;
  private final List<Running> nodes;
  private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "restarts");
    thread.setDaemon(true);
    return thread;
  });
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final ClusterToken token = LocalSecurity.token();
  private final int nameWidth;
  private boolean supervising;
  private boolean stopping;

  /**
   * @param plan       the nodes to run
   * @param foreground true: node output goes to {@code out}, each line prefixed with the node's
   *                   name; false: to each node's log file
   * @param out        where the supervisor's own lines go
   */
  public Supervisor(LocalClusterPlan plan, boolean foreground, PrintStream out) {
    this.plan = plan;
    this.foreground = foreground;
    this.out = out;
    this.nodes = plan.nodes().stream().map(Running::new).toList();
    this.nameWidth = plan.nodes().stream().mapToInt(node -> node.name().length()).max().orElse(0);
  }

  /**
   * Starts the cluster, hands the ready nodes to {@code whenReady}, supervises them until SIGTERM,
   * SIGINT or SIGHUP, then stops them in order and removes the state file.
   *
   * @throws CliException when the cluster does not start (what started is stopped first)
   */
  public void run(Consumer<List<NodeInfo>> whenReady) {
    for (String name : new String[] {"INT", "TERM", "HUP"}) {
      Signal.handle(new Signal(name), signal -> requestStop());
    }
    whenReady.accept(start());
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.println("stopping the cluster: servers first, then monitors, clients and workers");
    stop();
  }

  /** Starts every node and waits until all are ready; then supervising begins. */
  private List<NodeInfo> start() {
    try {
      makeClassArchive();
      for (Running running : nodes) {
        launch(running, true);
      }
      List<NodeInfo> ready = awaitReady();
      synchronized (this) {
        supervising = true;
        writeState(true);
        // a node that exited between the readiness check and now was not restarted by exited(): it is now
        nodes.stream().filter(running -> !running.process.isAlive()).forEach(running -> exited(running, running.process));
      }
      return ready;
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** The class archive for this build and JVM, unless there is one; the nodes start without when it cannot be made. */
  private void makeClassArchive() {
    NodeClassArchive archive = NodeClassArchive.forClassPath(System.getProperty("java.class.path"));
    if (archive == null) {
      return;
    }
    try {
      archive.make(LocalClusterPlan.jvmFlags(), out);
    } catch (CliException e) {
      log("the nodes start without a class archive (slower): " + e.getMessage());
    }
  }

  /** No more restarts; {@link #run} goes on to stop the cluster. Safe from a signal handler. */
  void requestStop() {
    synchronized (this) {
      supervising = false;
    }
    stopRequested.countDown();
  }

  /** Stops for good: pending restarts are dropped, the nodes stopped in order, the state file removed. */
  void stop() {
    List<LocalClusterState.Child> children;
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
      supervising = false;
      nodes.stream().filter(running -> running.restart != null).forEach(running -> running.restart.cancel(false));
      children = children();
    }
    stopRequested.countDown();
    NodeProcesses.stopInOrder(children, out);
    LocalClusterState.delete();
    restarts.shutdownNow();
  }

  private synchronized void launch(Running running, boolean first) {
    LocalNode node = running.node;
    ProcessBuilder builder = new ProcessBuilder(plan.command(node, foreground)).redirectErrorStream(true);
    if (!foreground) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    try {
      if (!foreground) {
        LocalSecurity.logsDirectory();
        if (first) {
          LocalSecurity.privateLog(node.log());
        }
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()));
      }
      Process process = builder.start();
      running.process = process;
      running.startedNanos = System.nanoTime();
      if (foreground) {
        pipeOutput(process, String.format("%-" + nameWidth + "s | ", node.name()));
      }
      process.onExit().thenAccept(exited -> exited(running, exited));
      writeState(supervising);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot start " + node.name() + ": " + e.getMessage());
    }
  }

  /** A node process ended: unless it was told to, it is started again after its back-off. */
  private synchronized void exited(Running running, Process process) {
    if (running.process != process || !supervising) {
      return;
    }
    int status = process.exitValue();
    long delayMs = running.backoff.delayAfter((System.nanoTime() - running.startedNanos) / 1_000_000);
    log(running.node.name() + " (pid " + process.pid() + ") exited with status " + status
        + "; starting it again in " + delayMs / 1000.0 + " s");
    running.restart = restarts.schedule(() -> restart(running, status), delayMs, TimeUnit.MILLISECONDS);
  }

  private synchronized void restart(Running running, int status) {
    if (!supervising) {
      return;
    }
    try {
      launch(running, false);
      log("restarted " + running.node.name() + " (exit " + status + "): pid " + running.process.pid());
    } catch (CliException e) {
      long delayMs = running.backoff.delayAfter(0);
      log(e.getMessage() + "; trying again in " + delayMs / 1000.0 + " s");
      running.restart = restarts.schedule(() -> restart(running, status), delayMs, TimeUnit.MILLISECONDS);
    }
  }

  /** The processes started so far, as the state file lists them. Call with the lock held. */
  private List<LocalClusterState.Child> children() {
    return nodes.stream().filter(running -> running.process != null)
        .map(running -> new LocalClusterState.Child(running.node.name(), running.node.roles(), running.process.pid(),
            NodeProcesses.startedMillis(running.process.toHandle()), running.node.bridge(), running.node.log().toString()))
        .toList();
  }

  private void writeState(boolean ready) {
    new LocalClusterState(plan.settings().clusterName(), ProcessHandle.current().pid(),
        NodeProcesses.startedMillis(ProcessHandle.current()), ready, children()).write();
  }

  /**
   * Waits until every node is listed in the registry: ready, or degraded (a server port taken since
   * the plan probed it), which the node table printed next says, with why. One bridge connection
   * serves every poll while it works (a new one per poll cost the answering node a hello and a ping
   * every {@value #POLL_MILLIS} ms of its start); one that fails is opened again at the next poll.
   */
  private List<NodeInfo> awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.settings().timeoutSeconds());
    List<String> bridges = plan.nodes().stream().map(LocalNode::bridge).toList();
    String lastProblem = "no node answered yet";
    ClusterConnection connection = null;
    try {
      while (System.nanoTime() < deadline) {
        Set<Long> pids = nodes.stream().map(running -> {
          checkStarting(running);
          return running.process.pid();
        }).collect(Collectors.toSet());
        try {
          if (connection == null) {
            connection = ClusterConnection.open(bridges, token);
          }
          List<NodeInfo> ready = connection.clusterStatus().getJsonArray("nodes").stream()
              .map(node -> NodeInfo.fromJson((JsonObject) node))
              .filter(node -> pids.contains(node.pid()))
              .toList();
          if (ready.size() == pids.size()) {
            return ready;
          }
          lastProblem = ready.size() + " of " + pids.size() + " nodes in the registry";
        } catch (CliException e) {
          lastProblem = e.getMessage();
          if (connection != null) {
            connection.closeNow();
            connection = null;
          }
        }
        pause();
      }
    } finally {
      if (connection != null) {
        connection.closeNow();
      }
    }
    throw new CliException(CliException.FAILED, "the cluster was not ready within " + plan.settings().timeoutSeconds()
        + " s (" + lastProblem + ")" + (foreground ? "" : "; node logs are in " + LocalClusterState.home().resolve("logs")));
  }

  /** Fails the start when a stop was asked for or a node has exited. */
  private void checkStarting(Running running) {
    if (stopRequested.getCount() == 0) {
      throw new CliException(CliException.FAILED, "stopped before the cluster was ready");
    }
    if (!running.process.isAlive()) {
      throw new CliException(CliException.FAILED, running.node.name() + " exited with status "
          + running.process.exitValue() + " before the cluster was ready"
          + (foreground ? "; see its output above" : "; its log: " + running.node.log()));
    }
  }

  private void log(String line) {
    out.println(LocalTime.now().format(TIME) + " " + line);
  }

  /** Waits a poll interval; a wait of the CLI, never of a test. */
  public static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted while waiting for the cluster");
    }
  }

  private void pipeOutput(Process process, String prefix) {
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          out.println(prefix + ControlCharacters.escape(line));
        }
      } catch (IOException e) {
        // the node's output ended with the node
      }
    }, "output-" + prefix.trim());
    pump.setDaemon(true);
    pump.start();
  }
}
