package io.vertxcenter.cli;

import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.LocalAddress;
import io.vertxcenter.common.Role;
import io.vertxcenter.node.ClusterRejoin;
import io.vertxcenter.node.Node;
import io.vertxcenter.node.NodeConfig;
import io.vertxcenter.node.NodeFlags;
import io.vertxcenter.local.LocalClusterState;
import io.vertxcenter.local.NodeProcesses;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.LogSettings;
import io.vertxcenter.server.ServerParams;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code center node}: one cluster node running the roles it is given, until SIGTERM or Ctrl-C
 * (exit 0), or until it cannot rejoin its cluster after a split (exit
 * {@value ClusterRejoin#EXIT_CANNOT_REJOIN}, for its supervisor to start it again). This class
 * parses the flags into a {@link NodeConfig}; {@link Node} starts and runs the node.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run one cluster node with the given roles, until SIGTERM or Ctrl-C.")
public class NodeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = NodeFlags.ROLES, paramLabel = "ROLE[,ROLE…]", converter = Choices.Roles.class, defaultValue = "${env:CENTER_ROLES}", required = true,
      description = "Roles of this node: server, client, monitor, worker, comma-separated (env CENTER_ROLES).")
  String roles;

  @Option(names = NodeFlags.WORKERS, paramLabel = "N", converter = WholeNumber.NodeWorkers.class, defaultValue = "${env:CENTER_WORKERS:-0}",
      description = "Worker verticle instances for the worker role; 0 means one per core (env CENTER_WORKERS).")
  int workers;

  @Option(names = NodeFlags.BRIDGE_PORT, paramLabel = "PORT", converter = WholeNumber.PortOrNone.class, defaultValue = "${env:CENTER_BRIDGE_PORT:-0}",
      description = "Serve the CLI bridge on this port; 0 means no bridge (env CENTER_BRIDGE_PORT).")
  int bridgePort;

  @Option(names = NodeFlags.BRIDGE_HOST, paramLabel = "IP", converter = Addresses.Host.class, defaultValue = "${env:CENTER_BRIDGE_HOST:-127.0.0.1}",
      description = "Address the CLI bridge binds to (env CENTER_BRIDGE_HOST, default ${DEFAULT-VALUE}).")
  String bridgeHost;

  @Option(names = NodeFlags.HTTP_PORT, paramLabel = "PORT", converter = WholeNumber.PortOrNone.class, defaultValue = "${env:CENTER_HTTP_PORT:-0}",
      description = "Serve /health, /ready, /metrics and the web console on this port; 0 means none (env CENTER_HTTP_PORT).")
  int httpPort;

  @Option(names = NodeFlags.HTTP_HOST, paramLabel = "IP", converter = Addresses.Host.class, defaultValue = "${env:CENTER_HTTP_HOST:-127.0.0.1}",
      description = "Address the HTTP server binds to (env CENTER_HTTP_HOST, default ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = NodeFlags.HTTP_ALLOWED_HOSTS, paramLabel = "NAME[,NAME…]", split = ",", converter = Addresses.HostName.class, defaultValue = "${env:CENTER_HTTP_ALLOWED_HOSTS}",
      description = "Names besides localhost, loopback addresses, the address a request came in on and --http-host that HTTP requests may "
          + "give in their Host header (compose service names, a proxy's name); others get 421, against DNS rebinding (env CENTER_HTTP_ALLOWED_HOSTS).")
  List<String> httpAllowedHosts;

  @Option(names = NodeFlags.SERVER_HOST, paramLabel = "IP", converter = Addresses.Host.class,
      defaultValue = "${env:CENTER_SERVER_HOST:-" + ServerParams.DEFAULT_HOST + "}",
      description = "Address the TCP server of the server role listens on, and a client node sends to unless --client-load names another (env CENTER_SERVER_HOST, default ${DEFAULT-VALUE}).")
  String serverHost;

  @Option(names = NodeFlags.SERVER_PORT, paramLabel = "PORT", converter = WholeNumber.Port.class,
      defaultValue = "${env:CENTER_SERVER_PORT:-" + ServerParams.DEFAULT_PORT + "}",
      description = "Port of the TCP server of the server role, and the one a client node sends to unless --client-load names another (env CENTER_SERVER_PORT, default ${DEFAULT-VALUE}).")
  int serverPort;

  @Option(names = NodeFlags.ACK_PORT, paramLabel = "PORT", converter = WholeNumber.PortOrNone.class, defaultValue = "${env:CENTER_ACK_PORT:-0}",
      description = "The server role's ack port: the same protocol as --server-port, and the server writes 'ACK <n>' back, "
          + "n the client's lines it made durable; 0 means none (env CENTER_ACK_PORT, default ${DEFAULT-VALUE}).")
  int ackPort;

  @Option(names = NodeFlags.DATA_DIR, paramLabel = "DIR", converter = FilePaths.DirectoryToWrite.class, defaultValue = "${env:CENTER_DATA_DIR}",
      description = "The server role's data directory: every line read is logged there before it is forwarded, and a "
          + "restart on it delivers what no monitor acknowledged (env CENTER_DATA_DIR). Default: none, lines live in memory only.")
  Path dataDir;

  @Option(names = NodeFlags.DURABILITY, paramLabel = "LEVEL", defaultValue = "${env:CENTER_DURABILITY}",
      converter = Choices.DurabilityLevel.class,
      description = "How far the server secures lines before forwarding them: write (to the data log: survives a kill of "
          + "the JVM), fsync (forced to disk every ~2 ms: survives power loss) or none (env CENTER_DURABILITY). "
          + "Default: write with --data-dir, none without.")
  Durability durability;

  @Option(names = NodeFlags.DATA_MAX_BYTES, paramLabel = "BYTES", converter = WholeNumber.DataMaxBytes.class,
      defaultValue = "${env:CENTER_DATA_MAX_BYTES:-1073741824}",
      description = "The data log's size bound: reaching it pauses TCP reads (the node is degraded) until a monitor "
          + "acknowledges; nothing is dropped (env CENTER_DATA_MAX_BYTES, default ${DEFAULT-VALUE}).")
  long dataMaxBytes;

  @Option(names = NodeFlags.CLIENT_LOAD, paramLabel = "KEY=VALUE[,...]", converter = KeyValues.ClientLoadList.class,
      defaultValue = "${env:CENTER_CLIENT_LOAD}",
      description = "Start the client role's load at node start, e.g. 'host=server,port=5000,rate=2' (the keys of "
          + "'client start', each once, no spaces; env CENTER_CLIENT_LOAD). Default: the client waits for 'client start'.")
  List<String> clientLoad;

  @Option(names = NodeFlags.PRINT, paramLabel = "MODE", converter = Choices.Print.class,
      defaultValue = "${env:CENTER_MONITOR_PRINT:-" + PrintMode.DEFAULT_NAME + "}",
      description = "How the monitor role shows messages: all, summary (one line a second), none, or auto "
          + "(each message up to ~50/s, a summary above) (env CENTER_MONITOR_PRINT, default ${DEFAULT-VALUE}).")
  PrintMode print;

  @Option(names = NodeProcesses.SUPERVISED_FLAG, hidden = true,
      description = "Stop when standard input ends: a pipe held by the supervisor of 'center up', so the node never outlives it.")
  boolean supervised;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  SecurityOptions security;

  /**
   * The node's configuration from the parsed flags and env: the one place a node's settings are
   * built and checked, before anything starts.
   *
   * @throws ParameterException for a value out of range (the client load's, checked by
   *         {@link LoadPlan#of}), naming the flag or env var and what it takes: exit status 2
   */
  public NodeConfig config() {
    try {
      ServerParams.checkPorts(serverPort, ackPort, NodeFlags.SERVER_PORT, NodeFlags.ACK_PORT);
      return new NodeConfig(Role.parseList(roles), cluster.settings(), security.settings(),
          new NodeConfig.Endpoint(bridgeHost, bridgePort), new NodeConfig.Endpoint(httpHost, httpPort),
          NodeConfig.serverAt(serverHost, serverPort).withAckPort(ackPort), log(), clientLoad(), print, workers);
    } catch (IllegalArgumentException | Failure.CommandException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * The server's data log: {@code --durability} (default {@code write} with a data dir, {@code none}
   * without); {@code write} or {@code fsync} without {@code --data-dir} is a bad value, naming what to add.
   */
  private LogSettings log() {
    Durability level = durability != null ? durability : dataDir == null ? Durability.NONE : Durability.WRITE;
    if (level != Durability.NONE && dataDir == null) {
      throw new IllegalArgumentException(NodeFlags.DURABILITY + " " + level.label() + " needs a data directory: give "
          + NodeFlags.DATA_DIR + " DIR (env CENTER_DATA_DIR), or " + NodeFlags.DURABILITY + " none");
    }
    return new LogSettings(dataDir, level, dataMaxBytes);
  }

  /**
   * The client's load at start, null when none is given; a pair that {@link KeyValues} refuses (a key
   * given twice among them too) is a bad value of {@link NodeFlags#CLIENT_LOAD}, naming the pair and why.
   */
  private LoadPlan clientLoad() {
    if (clientLoad == null) {
      return null;
    }
    try {
      return LoadPlan.of(KeyValues.CLIENT_LOAD.parse(clientLoad.stream().flatMap(list -> KeyValues.CLIENT_LOAD.pairs(list).stream()).toList()));
    } catch (KeyValues.BadWord e) {
      throw badValue(NodeFlags.CLIENT_LOAD, e.word(), new TypeConversionException(e.getMessage()));
    }
  }

  /** A bad value of a flag (or of its env var), reported as picocli reports one its converter refused. */
  private ParameterException badValue(String flag, String value, TypeConversionException why) {
    return new ParameterException(spec.commandLine(), why.getMessage(), why, spec.findOption(flag), value);
  }

  @Override
  public Integer call() throws Exception {
    Node node;
    try {
      NodeConfig config = config();
      // on this machine, before anything starts: Hazelcast would fail to bind with a long trace
      LocalAddress.check(NodeFlags.CLUSTER_HOST, config.cluster().host());
      node = new Node(config, LocalClusterState.home());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return node.run(httpAllowedHosts == null ? List.of() : httpAllowedHosts, supervised ? System.in : null);
  }
}
