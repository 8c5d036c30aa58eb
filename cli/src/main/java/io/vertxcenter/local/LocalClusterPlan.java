package io.vertxcenter.local;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.server.LogSettings;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.Settings;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.node.NodeConfig;
import io.vertxcenter.monitor.PrintMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code center up} runs: one node JVM per role (server, monitor, client) and K worker JVMs,
 * each with its own Hazelcast port and CLI bridge on 127.0.0.1, and the command line of each.
 *
 * <p>Every node is told of every node's Hazelcast port ({@code --members 127.0.0.1:P1,…}), not
 * only the first one's: a node restarted on its own (the first one too) finds the others, and
 * after a split each side's master finds the other side to merge with.
 *
 * @param settings what {@code up} was asked for
 * @param nodes   the nodes, in start order; the first one starts alone (the others join it)
 * @param tlsDir  the event bus's key material with {@code --tls}, else null
 */
public record LocalClusterPlan(LocalClusterSettings settings, List<LocalNode> nodes, Path tlsDir) {
  static final String HOST = "127.0.0.1";
  /** How far past {@code --cluster-port} free Hazelcast ports are looked for. */
  private static final int PORT_SEARCH = 100;

  /**
   * One node of the plan.
   *
   * @param name        {@code server}, {@code monitor}, {@code client}, {@code worker-1}, …
   * @param roles       its roles, as {@code --roles} takes them
   * @param clusterPort its Hazelcast port
   * @param bridgePort  its CLI bridge port
   * @param httpPort    its HTTP port, 0 for none
   * @param log         where its output goes when it runs in the background
   */
  record LocalNode(String name, String roles, int clusterPort, int bridgePort, int httpPort, Path log) {
    String bridge() {
      return HOST + ":" + bridgePort;
    }
  }

  /**
   * Plans the cluster: checks the options and that every port it needs is free; with
   * {@code --tls}, makes the event bus's key material unless it is there.
   *
   * @throws CliException when an option is out of range or a port is in use, saying which and what to do
   */
  public static LocalClusterPlan make(LocalClusterSettings settings) {
    if (!isFree(settings.serverPort())) {
      throw new CliException(CliException.FAILED, "port " + settings.serverPort() + " (the TCP server) is in use: free it, "
          + "or choose another with --server-port");
    }
    if (settings.ackPort() > 0 && !isFree(settings.ackPort())) {
      throw new CliException(CliException.FAILED, "port " + settings.ackPort() + " (the TCP server's ack port) is in use: "
          + "free it, or choose another with --ack-port (0: none)");
    }
    List<String> names = new ArrayList<>(List.of("server", "monitor", "client"));
    for (int i = 1; i <= settings.workerNodes(); i++) {
      names.add("worker-" + i);
    }
    Path logs = LocalClusterState.home().resolve("logs");
    List<LocalNode> nodes = new ArrayList<>();
    int clusterPort = settings.clusterPortFrom() - 1;
    int httpPort = settings.httpPort() - 1;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      int bridgePort = settings.bridgePort() + i;
      if (!isFree(bridgePort)) {
        throw new CliException(CliException.FAILED, "port " + bridgePort + " (CLI bridge of " + name
            + ") is in use: free it, or choose other ports with --bridge-port");
      }
      clusterPort = nextFreePort(clusterPort + 1, settings.clusterPortFrom(), "cluster ports", "--cluster-port");
      String roles = name.startsWith("worker-") ? "worker" : name;
      httpPort = settings.httpPort() == 0 ? -1 : nextFreePort(httpPort + 1, settings.httpPort(), "HTTP ports", "--http-port");
      nodes.add(new LocalNode(name, roles, clusterPort, bridgePort, Math.max(0, httpPort), logs.resolve(name + ".log")));
    }
    return new LocalClusterPlan(settings, List.copyOf(nodes), settings.tls() ? LocalSecurity.tlsDirectory() : null);
  }

  /** Every node's Hazelcast address, as {@code --members} takes them. */
  List<String> members() {
    return nodes.stream().map(node -> HOST + ":" + node.clusterPort()).toList();
  }

  /**
   * The command line of a node's JVM: Hazelcast's JVM flags, the nodes' JVM options
   * ({@link NodeJvmOptions}), the class archive when it is up to date, {@code $CENTER_JAVA_OPTS}
   * (last, so they win), then {@code center node …}; with {@code supervised}, the node stops when
   * its standard input (the supervisor's pipe) ends.
   */
  List<String> command(LocalNode node, boolean supervised) {
    List<String> jvm = new ArrayList<>(jvmFlags());
    NodeClassArchive archive = NodeClassArchive.forClassPath(System.getProperty("java.class.path"));
    if (archive != null) {
      jvm.addAll(jvm.size() - javaOpts().size(), archive.flags());
    }
    List<String> args = nodeArgs(node);
    if (supervised) {
      args.add(NodeProcesses.SUPERVISED_FLAG);
    }
    return NodeProcesses.command(jvm, args);
  }

  /** The JVM flags of every node, without the class archive: Hazelcast's, the nodes' options, {@code $CENTER_JAVA_OPTS}. */
  static List<String> jvmFlags() {
    List<String> jvm = new ArrayList<>(NodeProcesses.HAZELCAST_JVM_FLAGS);
    jvm.addAll(NodeJvmOptions.flags());
    jvm.addAll(javaOpts());
    return jvm;
  }

  private static List<String> javaOpts() {
    String javaOpts = System.getenv("CENTER_JAVA_OPTS");
    return javaOpts == null || javaOpts.isBlank() ? List.of() : List.of(javaOpts.trim().split("\\s+"));
  }

  /** {@code center node …} of a node: its {@link NodeConfig}, written by {@link NodeConfig#toArgs()}. */
  private List<String> nodeArgs(LocalNode node) {
    List<String> args = new ArrayList<>(List.of("node"));
    args.addAll(nodeConfig(node).toArgs());
    return args;
  }

  /**
   * What a node of this plan runs with: every node on 127.0.0.1, told of every member; the server
   * on {@code --server-port}, the monitor printing as a node does by default, the client sending
   * {@code --client-rate} lines a second to the server from the start (unless 0), the workers with
   * {@code --workers} instances each.
   */
  NodeConfig nodeConfig(LocalNode node) {
    LoadPlan load = settings.clientRate() > 0
        ? LoadPlan.of(new JsonObject().put("host", HOST).put("port", settings.serverPort()).put("rate", settings.clientRate()))
        : null;
    return new NodeConfig(Role.parseList(node.roles()),
        new ClusterSettings(settings.clusterName(), members(), HOST, null, node.clusterPort()),
        new NodeConfig.Security(null, tlsDir),
        new NodeConfig.Endpoint(HOST, node.bridgePort()),
        new NodeConfig.Endpoint(HOST, node.httpPort()),
        NodeConfig.serverAt(HOST, settings.serverPort()).withAckPort(settings.ackPort()),
        new LogSettings(LocalClusterState.home().resolve("data").resolve(node.name()), settings.durability(), LogSettings.DEFAULT_MAX_BYTES),
        load,
        PrintMode.parse(PrintMode.DEFAULT_NAME),
        settings.workers());
  }

  private static int nextFreePort(int from, int first, String what, String flag) {
    for (int port = from; port < Math.min(first + PORT_SEARCH, (int) Settings.Range.PORT.max() + 1); port++) {
      if (isFree(port)) {
        return port;
      }
    }
    throw new CliException(CliException.FAILED, "not enough free " + what + " in " + first + "-"
        + Math.min(first + PORT_SEARCH - 1, (int) Settings.Range.PORT.max()) + ": choose another range with " + flag);
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
