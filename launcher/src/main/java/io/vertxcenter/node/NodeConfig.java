package io.vertxcenter.node;

import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.EventBusTls;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.Role;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.LogSettings;
import io.vertxcenter.server.ServerParams;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one node runs with, typed, built once at the edge ({@code center node}'s flags and env,
 * or the plan of {@code center up}) and handed to each verticle through its constructor. The parts
 * of roles the node does not run are dropped (null, or 0 workers), so two configurations of the
 * same node are equal whatever flags it ignored. {@link #toArgs()} gives it back as
 * {@code center node} arguments, which parse to an equal configuration.
 *
 * @param roles    the roles, at least one; iterated in {@link Role} order
 * @param cluster  how the node finds and joins its cluster
 * @param security the cluster token's file and the event bus's TLS
 * @param bridge   the CLI bridge's address; port 0 means no bridge
 * @param http     the HTTP endpoints' address; port 0 means none
 * @param server   the server role's params (only host and port are node flags; the rest start at
 *                 {@link ServerParams#DEFAULTS}); on a client node, also the server its client sends
 *                 to when {@code clientLoad} is not given ({@link #clientPlan()}); null unless the node
 *                 runs the server or the client role
 * @param log      the server role's data log (where, how durable, its bound); null unless the node runs
 *                 the server role
 * @param clientLoad the client role's load at start; null when the node runs no client role, or its
 *                 client waits for {@code client start}
 * @param print    the monitor role's print mode; null unless the node runs the monitor role
 * @param workers  worker verticle instances, 0 to {@code WorkerRoleVerticle.MAX_INSTANCES}, 0 meaning
 *                 one per core ({@link #workerInstances()}); 0 unless the node runs the worker role
 * @throws IllegalArgumentException when {@code roles} is empty
 * @throws NullPointerException when a role the node runs lacks its part
 */
public record NodeConfig(Set<Role> roles, ClusterSettings cluster, Security security, Endpoint bridge, Endpoint http,
                         ServerParams server, LogSettings log, LoadPlan clientLoad, PrintMode print, int workers) {
  private static final Logger LOG = LoggerFactory.getLogger(NodeConfig.class);

  public NodeConfig {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a node needs at least one role: one or more of " + Role.labels());
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(bridge, "bridge");
    Objects.requireNonNull(http, "http");
    server = roles.contains(Role.SERVER) || roles.contains(Role.CLIENT)
        ? Objects.requireNonNull(server, "a server or client node needs its server params") : null;
    log = roles.contains(Role.SERVER) ? Objects.requireNonNull(log, "a server node needs its log settings") : null;
    clientLoad = roles.contains(Role.CLIENT) ? clientLoad : null;
    print = roles.contains(Role.MONITOR) ? Objects.requireNonNull(print, "a monitor node needs its print mode") : null;
    workers = roles.contains(Role.WORKER) ? workers : 0;
  }

  /**
   * An address a node serves on.
   *
   * @param host the address to bind to
   * @param port 1-65535, or 0 for "not served"
   */
  public record Endpoint(String host, int port) {
    /** Whether the node serves it at all (port above 0). */
    public boolean serves() {
      return port > 0;
    }

    /** {@code host:port} as the registry shows it, or null when not served. */
    public String address() {
      return serves() ? host + ":" + port : null;
    }
  }

  /**
   * The node's security settings.
   *
   * @param tokenFile the file of the cluster token its CLI bridge demands, or null for the default
   *                  sources ({@code CENTER_TOKEN}, {@code $CENTER_HOME/token})
   * @param tlsDir    the event bus's mutual-TLS key material, or null when TLS is off
   */
  public record Security(Path tokenFile, Path tlsDir) {
    /**
     * Vert.x options with the event bus's TLS, when on.
     *
     * @throws IllegalArgumentException when TLS is on and its directory holds no key material
     */
    public VertxOptions vertxOptions() {
      EventBusOptions eventBus = new EventBusOptions();
      if (tlsDir != null) {
        EventBusTls.apply(eventBus, tlsDir);
        LOG.info("event bus: mutual TLS with the key material in {}", tlsDir);
      }
      return new VertxOptions().setEventBusOptions(eventBus);
    }
  }

  /** The server role's params at {@code host:port}, everything else at {@link ServerParams#DEFAULTS}. */
  public static ServerParams serverAt(String host, int port) {
    ServerParams defaults = ServerParams.DEFAULTS;
    return new ServerParams(host, port, defaults.instances(), defaults.maxLineBytes(), defaults.maxConnections(),
        defaults.idleTimeoutSeconds(), defaults.ackPort());
  }

  /**
   * What the client role sends when {@code client start} changes nothing: {@code clientLoad} if
   * given, else the client defaults aimed at this node's server address ({@code --server-host},
   * 127.0.0.1 for the any-address 0.0.0.0, and {@code --server-port}), which {@code center up}
   * sets to its server's. Null unless the node runs the client role.
   */
  public LoadPlan clientPlan() {
    if (!roles.contains(Role.CLIENT)) {
      return null;
    }
    return clientLoad != null ? clientLoad : LoadPlan.to(ANY_ADDRESS.equals(server.host()) ? "127.0.0.1" : server.host(), server.port());
  }

  private static final String ANY_ADDRESS = "0.0.0.0";

  /** Worker verticle instances to start: {@link #workers()}, or one per core when that is 0. */
  public int workerInstances() {
    return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
  }

  /**
   * This node's registry entry as it starts ({@code ready}): one verticle per role, the worker role
   * with {@link #workerInstances()}.
   *
   * @param nodeId      the node's readable id ({@code server-3fa2b1})
   * @param clusterId   the cluster manager's id of this member
   * @param clusterHost the address its cluster traffic uses
   */
  public NodeInfo registryEntry(String nodeId, String clusterId, String clusterHost) {
    Map<String, Integer> verticles = new LinkedHashMap<>();
    for (Role role : roles) {
      verticles.put(role.label(), role == Role.WORKER ? workerInstances() : 1);
    }
    return new NodeInfo(nodeId, clusterId, List.copyOf(verticles.keySet()), clusterHost, ProcessHandle.current().pid(),
        ManagementFactory.getRuntimeMXBean().getStartTime(), NodeState.READY, verticles, bridge.address(), http.address());
  }

  /** The role labels, comma-separated, as {@link NodeFlags#ROLES} takes them ({@code server,monitor}). */
  public String roleLabels() {
    return roles.stream().map(Role::label).collect(Collectors.joining(","));
  }

  /**
   * This configuration as {@code center node} arguments (without the word {@code node}): every part
   * the node runs, explicit, except an optional part that is absent (no bridge, no token file, …)
   * and the two settings {@code center up} has no flag for, the server's address and the monitor's
   * print mode, when at their defaults: those stay the node's own default or env
   * ({@code CENTER_SERVER_HOST}, {@code CENTER_MONITOR_PRINT}), as for a node started by hand.
   */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>(List.of(NodeFlags.ROLES, roleLabels(),
        NodeFlags.CLUSTER_NAME, cluster.name(),
        NodeFlags.MEMBERS, String.join(",", cluster.members()),
        NodeFlags.CLUSTER_HOST, cluster.host(),
        NodeFlags.CLUSTER_PORT, String.valueOf(cluster.port())));
    optional(args, NodeFlags.PUBLIC_HOST, cluster.publicHost());
    optional(args, NodeFlags.TOKEN_FILE, security.tokenFile());
    optional(args, NodeFlags.TLS_DIR, security.tlsDir());
    if (bridge.serves()) {
      args.addAll(List.of(NodeFlags.BRIDGE_HOST, bridge.host(), NodeFlags.BRIDGE_PORT, String.valueOf(bridge.port())));
    }
    if (http.serves()) {
      args.addAll(List.of(NodeFlags.HTTP_HOST, http.host(), NodeFlags.HTTP_PORT, String.valueOf(http.port())));
    }
    if (server != null) {
      if (!server.host().equals(ServerParams.DEFAULT_HOST)) {
        args.addAll(List.of(NodeFlags.SERVER_HOST, server.host()));
      }
      args.addAll(List.of(NodeFlags.SERVER_PORT, String.valueOf(server.port())));
    }
    if (log != null) {
      if (server.ackPort() > 0) {
        args.addAll(List.of(NodeFlags.ACK_PORT, String.valueOf(server.ackPort())));
      }
      optional(args, NodeFlags.DATA_DIR, log.dir());
      args.addAll(List.of(NodeFlags.DURABILITY, log.durability().label()));
      if (log.maxBytes() != LogSettings.DEFAULT_MAX_BYTES) {
        args.addAll(List.of(NodeFlags.DATA_MAX_BYTES, String.valueOf(log.maxBytes())));
      }
    }
    if (clientLoad != null) {
      args.addAll(List.of(NodeFlags.CLIENT_LOAD, clientLoad.toJson().stream()
          .map(pair -> pair.getKey() + "=" + pair.getValue()).collect(Collectors.joining(","))));
    }
    if (print != null && !print.name().equalsIgnoreCase(PrintMode.DEFAULT_NAME)) {
      args.addAll(List.of(NodeFlags.PRINT, print.name().toLowerCase(Locale.ROOT)));
    }
    if (roles.contains(Role.WORKER)) {
      args.addAll(List.of(NodeFlags.WORKERS, String.valueOf(workers)));
    }
    return args;
  }

  private static void optional(List<String> args, String flag, Object value) {
    if (value != null) {
      args.addAll(List.of(flag, value.toString()));
    }
  }
}
