package io.vertxcenter.local;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.cli.CliException;
import io.vertxcenter.cli.ClusterCommand;
import io.vertxcenter.cli.ClusterConnection;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.NodeInfo;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code center up}: the whole cluster on this machine, one JVM per role (server, monitor, client,
 * and K worker JVMs), each a real cluster node. Waits until every node is in the registry, prints
 * them, then streams their output (or, with {@code -d}, leaves them running in the background).
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start a local cluster: server, monitor, client and worker JVMs on this machine.")
public class UpCommand implements Callable<Integer> {
  private static final String HOST = "127.0.0.1";
  private static final long POLL_MILLIS = 200;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
      description = "Worker verticle instances per worker JVM; 0 means one per core (default).")
  int workers;

  @Option(names = "--worker-nodes", paramLabel = "K", defaultValue = "1",
      description = "Number of worker JVMs (default ${DEFAULT-VALUE}).")
  int workerNodes;

  @Option(names = {"-d", "--detach"}, description = "Start in the background and return once ready; stop with 'center down'.")
  boolean detach;

  @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterSettings.DEFAULT_NAME,
      description = "Cluster name (default ${DEFAULT-VALUE}).")
  String clusterName;

  @Option(names = "--bridge-port", paramLabel = "PORT", defaultValue = "7000",
      description = "CLI bridge port of the first node; the others take the next ports (default ${DEFAULT-VALUE}).")
  int bridgePort;

  @Option(names = "--server-port", paramLabel = "PORT", defaultValue = "5000",
      description = "Port of the TCP server that clients feed (default ${DEFAULT-VALUE}).")
  int serverPort;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "HTTP port (health, metrics, web console) of the server node; the others take the next free ports; 0 means none (default ${DEFAULT-VALUE}).")
  int httpPort;
  private int nextHttpPort;

  @Option(names = "--client-rate", paramLabel = "LINES/S", defaultValue = "1",
      description = "Lines per second the client node sends to the server from the start, so data is seen flowing; "
          + "0 leaves it idle until 'client start' (default ${DEFAULT-VALUE}).")
  int clientRate;

  @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_PORT,
      description = "First Hazelcast port to try; the seed node takes the first free one from here (default ${DEFAULT-VALUE}).")
  int clusterPortFrom;

  @Option(names = "--tls", description = "Mutual TLS on the event bus, with key material made once in $CENTER_HOME/tls.")
  boolean tls;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for the cluster to be ready (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  private record Spec(String name, String roles) {}

  /** The event bus's key material, or null without {@code --tls}. */
  private Path tlsDir;

  @Override
  public Integer call() throws Exception {
    UpLimits.check(workers, workerNodes, clientRate);
    var existing = LocalClusterState.read();
    if (existing.isPresent()) {
      List<String> alive = existing.get().nodes().stream()
          .filter(node -> NodeProcesses.find(node.pid()).isPresent())
          .map(node -> node.name() + " (pid " + node.pid() + ")").toList();
      if (!alive.isEmpty()) {
        throw new CliException(CliException.FAILED, "a local cluster is already up: " + String.join(", ", alive)
            + "; stop it with 'center down' first");
      }
    }
    List<Spec> specs = new ArrayList<>(List.of(new Spec("server", "server"), new Spec("monitor", "monitor"),
        new Spec("client", "client")));
    for (int i = 1; i <= workerNodes; i++) {
      specs.add(new Spec("worker-" + i, "worker"));
    }
    if (!isFree(serverPort)) {
      throw new CliException(CliException.FAILED, "port " + serverPort + " (the TCP server) is in use: free it, "
          + "or choose another with --server-port");
    }
    int clusterPort = firstFreePort(clusterPortFrom);
    long started = System.nanoTime();
    ClusterToken token = LocalSecurity.token();
    tlsDir = tls ? LocalSecurity.tlsDirectory() : null;
    Path logs = LocalSecurity.logsDirectory();

    List<Process> processes = new ArrayList<>();
    List<LocalClusterState.Child> children = new ArrayList<>();
    int width = specs.stream().mapToInt(spec -> spec.name().length()).max().orElse(0);
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      int port = bridgePort + i;
      if (!isFree(port)) {
        stopStarted(children);
        throw new CliException(CliException.FAILED, "port " + port + " (CLI bridge of " + spec.name()
            + ") is in use: free it, or choose other ports with --bridge-port");
      }
      Path log = logs.resolve(spec.name() + ".log");
      Process process = start(spec, i == 0, clusterPort, port, log);
      processes.add(process);
      children.add(new LocalClusterState.Child(spec.name(), spec.roles(), process.pid(), HOST + ":" + port, log.toString()));
      if (!detach) {
        pipeOutput(process, String.format("%-" + width + "s | ", spec.name()));
      }
      if (i == 0) {
        awaitSeed(process, clusterPort, spec.name());
      }
    }
    LocalClusterState state = new LocalClusterState(clusterName, List.copyOf(children));
    state.write();

    List<NodeInfo> nodes;
    try {
      nodes = awaitReady(state, processes, token);
    } catch (CliException e) {
      stopStarted(children);
      LocalClusterState.delete();
      throw e;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("cluster '%s' ready in %.1f s%n", clusterName, seconds);
    ClusterCommand.printNodes(System.out, clusterName, nodes);
    if (detach) {
      System.out.println("running in the background; logs in " + logs + "; stop with 'center down'");
      return 0;
    }
    System.out.println("streaming node output; Ctrl-C stops the cluster");
    awaitSignal();
    NodeProcesses.stopAll(children, System.out);
    LocalClusterState.delete();
    return 0;
  }

  /** Starts a node JVM; the seed records the class archive when there is no up-to-date one. */
  private Process start(Spec spec, boolean seed, int clusterPort, int bridge, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(NodeProcesses.JVM_FLAGS);
    String classPath = System.getProperty("java.class.path");
    NodeClassArchive archive = NodeClassArchive.forClassPath(classPath);
    if (archive != null) {
      command.addAll(archive.flags(seed));
    }
    String javaOpts = System.getenv("CENTER_JAVA_OPTS");
    if (javaOpts != null && !javaOpts.isBlank()) {
      command.addAll(List.of(javaOpts.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", classPath, NodeProcesses.MAIN_CLASS, "node",
        "--roles", spec.roles(),
        "--cluster-name", clusterName,
        "--cluster-host", HOST,
        "--members", HOST + ":" + clusterPort,
        "--cluster-port", String.valueOf(clusterPort),
        "--bridge-host", HOST,
        "--bridge-port", String.valueOf(bridge)));
    if (httpPort > 0) {
      nextHttpPort = firstFreePort(Math.max(httpPort, nextHttpPort)) + 1;
      command.addAll(List.of("--http-host", HOST, "--http-port", String.valueOf(nextHttpPort - 1)));
    }
    if (tlsDir != null) {
      command.addAll(List.of("--tls-dir", tlsDir.toString()));
    }
    switch (spec.roles()) {
      case "worker" -> command.addAll(List.of("--workers", String.valueOf(workers)));
      case "server" -> command.addAll(List.of("--server-port", String.valueOf(serverPort)));
      case "client" -> {
        if (clientRate > 0) {
          command.addAll(List.of("--client-load", "host=" + HOST + ",port=" + serverPort + ",rate=" + clientRate));
        }
      }
      default -> { }
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (detach) {
      LocalSecurity.privateLog(log);
      builder.redirectOutput(log.toFile());
    }
    return builder.start();
  }

  /** Waits until every started process is listed, ready, in the registry. */
  private List<NodeInfo> awaitReady(LocalClusterState state, List<Process> processes, ClusterToken token) {
    Set<Long> pids = state.nodes().stream().map(LocalClusterState.Child::pid).collect(Collectors.toSet());
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    String lastProblem = "no node answered yet";
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < processes.size(); i++) {
        if (!processes.get(i).isAlive()) {
          LocalClusterState.Child child = state.nodes().get(i);
          throw new CliException(CliException.FAILED, child.name() + " exited with status " + processes.get(i).exitValue()
              + " before the cluster was ready" + (detach ? "; its log: " + child.log() : "; see its output above"));
        }
      }
      try (ClusterConnection connection = ClusterConnection.open(state.bridges(), token)) {
        JsonObject status = connection.clusterStatus();
        List<NodeInfo> nodes = status.getJsonArray("nodes").stream()
            .map(node -> NodeInfo.fromJson((JsonObject) node))
            .filter(node -> pids.contains(node.pid()) && "ready".equals(node.state()))
            .toList();
        if (nodes.size() == pids.size()) {
          return nodes;
        }
        lastProblem = nodes.size() + " of " + pids.size() + " nodes in the registry";
      } catch (CliException e) {
        lastProblem = e.getMessage();
      }
      pause();
    }
    throw new CliException(CliException.FAILED, "the cluster was not ready within " + timeoutSeconds + " s ("
        + lastProblem + ")" + (detach ? "; node logs are in " + LocalClusterState.home().resolve("logs") : ""));
  }

  /**
   * Waits until the first node listens on the seed port. Nodes that start together with their seed
   * find no member, each form a cluster of their own and merge later: ~5 s instead of ~2 s here.
   */
  private void awaitSeed(Process seed, int clusterPort, String name) {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline && seed.isAlive()) {
      if (!isFree(clusterPort)) {
        return;
      }
      pause();
    }
    seed.destroyForcibly();
    throw new CliException(CliException.FAILED, name + " (the seed node) did not open the cluster port " + clusterPort
        + " within " + timeoutSeconds + " s" + (seed.isAlive() ? "" : ": it exited with status " + seed.exitValue()));
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted while waiting for the cluster");
    }
  }

  private static void pipeOutput(Process process, String prefix) {
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          System.out.println(prefix + line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "output-" + prefix.trim());
    pump.setDaemon(true);
    pump.start();
  }

  private static void awaitSignal() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> stop.countDown());
    }
    stop.await();
    System.out.println("stopping the cluster");
  }

  private static void stopStarted(List<LocalClusterState.Child> children) {
    NodeProcesses.stopAll(children, System.err);
  }

  private static int firstFreePort(int from) {
    for (int port = from; port < from + 100; port++) {
      if (isFree(port)) {
        return port;
      }
    }
    throw new CliException(CliException.FAILED, "no free cluster port in " + from + "-" + (from + 99));
  }

  /**
   * Whether a node could listen on the port: nothing listens there. Connections of a cluster just
   * stopped may linger on it (TIME_WAIT) for a minute; they do not count, as the nodes' servers
   * bind with SO_REUSEADDR too.
   */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
