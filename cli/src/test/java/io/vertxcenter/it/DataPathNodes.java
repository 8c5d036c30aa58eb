package io.vertxcenter.it;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.ClusterConnection;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Test support: a cluster of separate JVMs on free ports and a random cluster name: a server node
 * (with the CLI bridge the tests talk through), and nodes of any roles on demand; all killed on close.
 */
final class DataPathNodes implements AutoCloseable {
  private final String clusterName = "it-" + UUID.randomUUID();
  private final int clusterPort = NodeProcess.freePort();
  private final int bridgePort = NodeProcess.freePort();
  private final int serverPort = NodeProcess.freePort();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final NodeProcess server;
  private ClusterConnection connection;

  DataPathNodes() {
    this("server");
  }

  /** With a seed node of these roles (the server role among them) and these extra flags. */
  DataPathNodes(String seedRoles, String... seedFlags) {
    // The seed member first, so the others join it rather than take its port.
    List<String> flags = new ArrayList<>(List.of("--bridge-port", String.valueOf(bridgePort), "--server-port", String.valueOf(serverPort)));
    flags.addAll(List.of(seedFlags));
    server = start(seedRoles, flags.toArray(String[]::new)).awaitReady();
  }

  String clusterName() {
    return clusterName;
  }

  int serverPort() {
    return serverPort;
  }

  NodeProcess server() {
    return server;
  }

  /** Starts a monitor node showing messages in the given print mode (not yet awaited). */
  NodeProcess startMonitor(String print) {
    return start("monitor", "--print", print);
  }

  /** Starts another server node whose TCP server is to listen on {@code port} (not yet awaited). */
  NodeProcess startServer(int port) {
    return start("server", "--server-port", String.valueOf(port));
  }

  /** The CLI bridge of the server node, as {@code --cluster} takes it. */
  String bridge() {
    return "127.0.0.1:" + bridgePort;
  }

  /** Starts a worker node with one task verticle (not yet awaited). */
  NodeProcess startWorker() {
    return start("worker", "--workers", "1");
  }

  /** Starts a client node (not yet awaited). */
  NodeProcess startClient() {
    return start("client");
  }

  JsonObject client(String action, JsonObject args) {
    return connection().request(Addresses.role(Role.CLIENT), action, args, "no client node");
  }

  /** A command to the server role of the node with this pid (once the registry lists it). */
  JsonObject server(long pid, String action, JsonObject args) {
    return role(pid, Role.SERVER, action, args);
  }

  /** A command to role {@code role} of the node with this pid (once the registry lists it). */
  JsonObject role(long pid, Role role, String action, JsonObject args) {
    Predicate<JsonObject> isIt = node -> node.getLong("pid") == pid;
    JsonObject status = await("registry listing pid " + pid, connection()::clusterStatus,
        cluster -> cluster.getJsonArray("nodes").stream().map(JsonObject.class::cast).anyMatch(isIt), Duration.ofSeconds(30));
    String nodeId = status.getJsonArray("nodes").stream().map(JsonObject.class::cast).filter(isIt)
        .findFirst().orElseThrow().getString("id");
    return connection().request(Addresses.nodeRole(nodeId, role), action, args, "no " + role.label() + " node " + nodeId);
  }

  JsonObject server(String action, JsonObject args) {
    return connection().request(Addresses.role(Role.SERVER), action, args, "no server node");
  }

  JsonObject serverStatus() {
    return server("status", new JsonObject());
  }

  JsonObject monitorStatus() {
    return connection().request(Addresses.role(Role.MONITOR), "status", new JsonObject(), "no monitor node");
  }

  /**
   * Polls a status every 10 ms until it matches, failing with the last one seen after the deadline.
   * The pause matters when the status is read locally (a node's captured output): without it the
   * poll would spin a core the nodes under test need.
   */
  static JsonObject await(String what, Supplier<JsonObject> status, Predicate<JsonObject> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last;
    do {
      last = status.get();
      if (done.test(last)) {
        return last;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    } while (System.nanoTime() < deadline);
    throw new AssertionError(what + " not reached within " + timeout + "; last status: " + last.encode());
  }

  /** Waits until the registry lists this many nodes. */
  void awaitNodes(int count, Duration timeout) {
    await(count + " nodes in the registry", connection()::clusterStatus,
        status -> status.getJsonArray("nodes").size() == count, timeout);
  }

  /** Waits until the registry lists exactly the nodes with these pids. */
  void awaitNodes(Set<Long> pids, Duration timeout) {
    await("registry listing " + pids, connection()::clusterStatus, status -> pids(status).equals(pids), timeout);
  }

  /** The pids of the nodes a {@code cluster status} answer lists. */
  static Set<Long> pids(JsonObject clusterStatus) {
    return clusterStatus.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getLong("pid")).collect(Collectors.toSet());
  }

  private ClusterConnection connection() {
    if (connection == null) {
      connection = ClusterConnection.open(List.of("127.0.0.1:" + bridgePort), NodeProcess.TOKEN);
    }
    return connection;
  }

  /** Starts a node of these roles (comma-separated) in the cluster, with these extra flags (not yet awaited). */
  NodeProcess start(String roles, String... extra) {
    NodeProcess node = NodeProcess.start(roles, nodeArgs(roles, extra));
    nodes.add(node);
    return node;
  }

  /**
   * Starts a monitor node showing every message, its standard output (its console) appended to the
   * file {@code console}; the node's {@link NodeProcess#output()} is its log (not yet awaited).
   */
  NodeProcess startMonitorWritingTo(File console) {
    NodeProcess node = NodeProcess.startWritingTo("monitor", nodeArgs("monitor", "--print", "all"), console);
    nodes.add(node);
    return node;
  }

  private List<String> nodeArgs(String roles, String... extra) {
    List<String> args = new ArrayList<>(List.of("node", "--roles", roles, "--cluster-name", clusterName,
        "--members", "127.0.0.1:" + clusterPort, "--cluster-port", String.valueOf(clusterPort)));
    args.addAll(List.of(extra));
    return args;
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
    }
    nodes.forEach(NodeProcess::close);
  }
}
