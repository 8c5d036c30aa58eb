package io.vertxcenter.it;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.BridgeLink;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.node.NodeConfig;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.LogSettings;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Test support: the one way an integration test stands a cluster up. Every node is {@code center node}
 * run from the built jar as a separate JVM ({@link NodeProcess}), its command line written by
 * {@link NodeConfig#toArgs()} from a {@link Node} the test describes; the cluster has a name of its own
 * ({@code it-<uuid>}), and every port comes from {@link NodeProcess#freePort()}. All nodes run with
 * {@link NodeProcess#TOKEN} unless a node's env says otherwise, and are killed on {@link #close()}
 * (call it in {@code @AfterEach}/{@code @AfterAll}, or use try-with-resources).
 *
 * <p>The first {@code members} nodes described take the cluster ports every node is told of
 * ({@code --members}); a node described later gets a free cluster port of its own and joins through
 * them. {@link Node#start()} of a later node first waits for the first node to be ready: nodes that
 * start together would form clusters of their own.
 *
 * <pre>{@code
 * try (TestCluster cluster = new TestCluster()) {
 *   TestCluster.Node server = cluster.node("server", Role.SERVER).withBridge();
 *   server.start().awaitReady();
 *   cluster.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL).start().awaitReady();
 *   ... LineSocket.greeted(server.serverPort()) ... cluster.serverStatus() ...
 * }
 * }</pre>
 */
public final class TestCluster implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final String name = "it-" + UUID.randomUUID();
  private final List<Integer> memberPorts = new ArrayList<>();
  private final int serverPort = NodeProcess.freePort();
  private final List<Node> nodes = new ArrayList<>();
  private ClusterConnection connection;

  /** A cluster whose first node is its only listed member (the seed). */
  public TestCluster() {
    this(1);
  }

  /** A cluster whose first {@code members} nodes (1 or more) are all listed in every node's {@code --members}. */
  public TestCluster(int members) {
    for (int i = 0; i < members; i++) {
      memberPorts.add(NodeProcess.freePort());
    }
  }

  /**
   * A cluster whose first node, {@code server} (the server role, with the CLI bridge the cluster's
   * commands go through), is started and ready: the start of most data-path tests.
   */
  public static TestCluster withServer() {
    TestCluster cluster = new TestCluster();
    cluster.node("server", Role.SERVER).withBridge();
    return cluster.start();
  }

  /** The cluster's name ({@code it-<uuid>}). */
  public String name() {
    return name;
  }

  /** Every node's {@code --members}: the listed members' cluster ports on 127.0.0.1. */
  public List<String> members() {
    return memberPorts.stream().map(port -> LOOPBACK + ":" + port).toList();
  }

  /**
   * The port the TCP server of a server node listens on, and a client node sends to, unless the node
   * says {@link Node#withServerPort}; free, the same for every node of this cluster.
   */
  public int serverPort() {
    return serverPort;
  }

  /** Describes the next node (not started): these roles, every other setting at the node's default. */
  public Node node(String name, Role... roles) {
    int index = nodes.size();
    Node node = new Node(name, EnumSet.of(roles[0], roles), index < memberPorts.size() ? memberPorts.get(index) : NodeProcess.freePort());
    nodes.add(node);
    return node;
  }

  /** The nodes described so far, in order. */
  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The JVMs of the nodes started so far, in the order the nodes were described. */
  public List<NodeProcess> processes() {
    return nodes.stream().filter(node -> node.process != null).map(node -> node.process).toList();
  }

  /**
   * Describes {@code count} more nodes of these roles, each serving a CLI bridge and named
   * {@code <first role>-<n>}, then {@link #start()}s.
   *
   * @return the nodes described, started and ready
   */
  public List<Node> startNodes(int count, Role... roles) {
    List<Node> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      added.add(node(roles[0].label() + "-" + (nodes.size() + 1), roles).withBridge());
    }
    start();
    return added;
  }

  /**
   * Starts every described node not started yet, in order, and waits until each is ready (each
   * within {@link NodeProcess#START_TIMEOUT}); when one fails, every node is killed before the error
   * goes on (a try-with-resources whose resource is not yet assigned never closes it).
   */
  public TestCluster start() {
    try {
      nodes.stream().filter(node -> node.process == null).toList().forEach(Node::start);
      nodes.forEach(node -> node.process.awaitReady());
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** The described node called {@code name}; an AssertionError when there is none. */
  public Node node(String name) {
    return nodes.stream().filter(node -> node.name.equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no node called " + name + " in " + this.name));
  }

  /** A command to any node of role {@code role}, through the bridge of the first node that serves one. */
  public JsonObject request(Role role, String action, JsonObject args) {
    return connection().request(Addresses.role(role), action, args, "no " + role.label() + " node");
  }

  /** {@code status} of a server node (any). */
  public JsonObject serverStatus() {
    return request(Role.SERVER, "status", new JsonObject());
  }

  /** {@code status} of a monitor node (any). */
  public JsonObject monitorStatus() {
    return request(Role.MONITOR, "status", new JsonObject());
  }

  /** A command to role {@code role} of the node with this pid, once the registry lists it (within 30 s). */
  public JsonObject request(long pid, Role role, String action, JsonObject args) {
    Predicate<JsonObject> isIt = node -> node.getLong("pid") == pid;
    JsonObject status = await("registry listing pid " + pid, connection()::clusterStatus,
        cluster -> cluster.getJsonArray("nodes").stream().map(JsonObject.class::cast).anyMatch(isIt), Duration.ofSeconds(30));
    String nodeId = status.getJsonArray("nodes").stream().map(JsonObject.class::cast).filter(isIt)
        .findFirst().orElseThrow().getString("id");
    return connection().request(Addresses.nodeRole(nodeId, role), action, args, "no " + role.label() + " node " + nodeId);
  }

  /** The connection through {@link #bridge()}, opened on first use, closed with the cluster. */
  public ClusterConnection connection() {
    if (connection == null) {
      connection = firstBridge().connect();
    }
    return connection;
  }

  /** The CLI bridge of the first node that serves one, as {@code --cluster} takes it. */
  public String bridge() {
    return firstBridge().bridge();
  }

  private Node firstBridge() {
    return nodes.stream().filter(node -> node.bridgePort > 0).findFirst()
        .orElseThrow(() -> new AssertionError("no node of " + name + " serves a CLI bridge: give one withBridge()"));
  }

  /** Waits until the registry lists this many nodes. */
  public void awaitNodes(int count, Duration timeout) {
    await(count + " nodes in the registry", connection()::clusterStatus, status -> status.getJsonArray("nodes").size() == count, timeout);
  }

  /** Waits until the registry lists exactly the nodes with these pids. */
  public void awaitNodes(Set<Long> pids, Duration timeout) {
    await("registry listing " + pids, connection()::clusterStatus, status -> pids(status).equals(pids), timeout);
  }

  /** {@link Eventually#await} of a status (JSON): polls it every 10 ms until it matches, failing with the last one seen. */
  public static JsonObject await(String what, Supplier<JsonObject> status, Predicate<JsonObject> done, Duration timeout) {
    return Eventually.await(what, status, done, timeout);
  }

  /** The entry of the node with this pid in a {@code cluster status} answer; an AssertionError when it is not listed. */
  public static JsonObject entry(JsonObject clusterStatus, long pid) {
    return clusterStatus.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(node -> node.getLong("pid") == pid).findFirst()
        .orElseThrow(() -> new AssertionError("no node with pid " + pid + " listed: " + clusterStatus.encode()));
  }

  /** The pids of the nodes a {@code cluster status} answer lists. */
  public static Set<Long> pids(JsonObject clusterStatus) {
    return clusterStatus.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getLong("pid")).collect(Collectors.toSet());
  }

  /** Closes the connection and kills every node started (SIGKILL); the nodes' output stays readable. */
  @Override
  public void close() {
    if (connection != null) {
      connection.close();
    }
    nodes.forEach(Node::close);
  }

  /**
   * One node of the cluster: its settings until {@link #start()}, then its JVM. The {@code with…}
   * methods set what {@link NodeConfig} holds, each port a free one; {@link #withFlags} adds flags
   * {@link NodeConfig#toArgs()} never writes ({@code --http-allowed-hosts}, or a value a test wants
   * refused).
   */
  public final class Node {
    private final String name;
    private final Set<Role> roles;
    private final int clusterPort;
    private int bridgePort;
    private int httpPort;
    private int nodeServerPort = serverPort;
    private int ackPort;
    private LogSettings log = LogSettings.NONE;
    private PrintMode print = PrintMode.parse(PrintMode.DEFAULT_NAME);
    private int workers = 1;
    private Path tlsDir;
    private final List<String> flags = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private NodeProcess process;

    private Node(String name, Set<Role> roles, int clusterPort) {
      this.name = name;
      this.roles = roles;
      this.clusterPort = clusterPort;
    }

    /** Serves the CLI bridge on a free port. */
    public Node withBridge() {
      bridgePort = NodeProcess.freePort();
      return this;
    }

    /** Serves the CLI bridge on {@code port} (one a test holds taken, say). */
    public Node withBridgePort(int port) {
      bridgePort = port;
      return this;
    }

    /** Serves {@code /health}, {@code /ready}, {@code /metrics} and the console on a free port. */
    public Node withHttp() {
      return withHttpPort(NodeProcess.freePort());
    }

    /** Serves HTTP on {@code port}. */
    public Node withHttpPort(int port) {
      httpPort = port;
      return this;
    }

    /** The server's TCP port (a server node), or the one its client sends to (a client node), in place of the cluster's. */
    public Node withServerPort(int port) {
      nodeServerPort = port;
      return this;
    }

    /** Serves the server role's ack port on a free port. */
    public Node withAckPort() {
      ackPort = NodeProcess.freePort();
      return this;
    }

    /** Logs every line in {@code dir} before forwarding it, at durability write. */
    public Node withDataDir(Path dir) {
      return withLog(new LogSettings(dir, Durability.WRITE, LogSettings.DEFAULT_MAX_BYTES));
    }

    /** The server role's data log as {@code log} says (where, how durable, its bound). */
    public Node withLog(LogSettings log) {
      this.log = log;
      return this;
    }

    /** The monitor role shows messages as {@code mode} says (the node's default: auto). */
    public Node withPrint(PrintMode mode) {
      print = mode;
      return this;
    }

    /** The worker role runs {@code instances} task verticles (default 1; 0 means one per core). */
    public Node withWorkers(int instances) {
      workers = instances;
      return this;
    }

    /** The event bus runs mutual TLS with the key material in {@code dir} ({@code center certs}). */
    public Node withTls(Path dir) {
      tlsDir = dir;
      return this;
    }

    /** Flags after those of the configuration, for what {@link NodeConfig} does not hold. */
    public Node withFlags(String... more) {
      flags.addAll(List.of(more));
      return this;
    }

    /** {@code KEY=VALUE} environment entries ({@code CENTER_HOME=…}; {@code CENTER_TOKEN=} for none). */
    public Node withEnv(String... entries) {
      env.addAll(List.of(entries));
      return this;
    }

    /** The configuration the node runs with. */
    public NodeConfig config() {
      ClusterSettings cluster = new ClusterSettings(TestCluster.this.name, members(), LOOPBACK, null, clusterPort);
      return new NodeConfig(roles, cluster, new NodeConfig.Security(null, tlsDir),
          new NodeConfig.Endpoint(LOOPBACK, bridgePort), new NodeConfig.Endpoint(LOOPBACK, httpPort),
          NodeConfig.serverAt(LOOPBACK, nodeServerPort).withAckPort(ackPort), log, null, print, workers);
    }

    /** {@code node} and the configuration's arguments, then {@link #withFlags}'s. */
    public List<String> args() {
      List<String> args = new ArrayList<>(List.of("node"));
      args.addAll(config().toArgs());
      args.addAll(flags);
      return args;
    }

    /** Starts the node's JVM, after the cluster's first node is ready (not awaited itself). */
    public NodeProcess start() {
      awaitSeed();
      return started(NodeProcess.start(name, args(), env));
    }

    /**
     * Starts the node's JVM with its standard output (its console) appended to {@code console};
     * {@link NodeProcess#output()} is then its log on standard error (not awaited).
     */
    public NodeProcess startWritingTo(File console) {
      awaitSeed();
      return started(NodeProcess.startWritingTo(name, args(), console));
    }

    private void awaitSeed() {
      Node seed = nodes.get(0);
      if (seed != this && seed.process != null) {
        seed.process.awaitReady();
      }
    }

    private NodeProcess started(NodeProcess started) {
      close();
      process = started;
      return started;
    }

    /** The JVM last started for this node; an AssertionError before {@link #start()}. */
    public NodeProcess process() {
      if (process == null) {
        throw new AssertionError("node " + name + " not started");
      }
      return process;
    }

    public String name() {
      return name;
    }

    public int bridgePort() {
      return bridgePort;
    }

    /** The CLI bridge as {@code --cluster} takes it ({@code 127.0.0.1:PORT}). */
    public String bridge() {
      if (bridgePort == 0) {
        throw new AssertionError("node " + name + " serves no CLI bridge: give it withBridge()");
      }
      return LOOPBACK + ":" + bridgePort;
    }

    public int httpPort() {
      return httpPort;
    }

    public int serverPort() {
      return nodeServerPort;
    }

    public int ackPort() {
      return ackPort;
    }

    public int clusterPort() {
      return clusterPort;
    }

    /** A connection through this node's bridge only, with {@link NodeProcess#TOKEN}; the caller closes it. */
    public ClusterConnection connect() {
      return ClusterConnection.open(List.of(bridge()), NodeProcess.TOKEN);
    }

    /** A link through this node's bridge only, with {@link NodeProcess#TOKEN}; the caller closes it. */
    public BridgeLink link() {
      return new BridgeLink(List.of(bridge()), NodeProcess.TOKEN);
    }

    private void close() {
      if (process != null) {
        process.close();
      }
    }
  }
}
