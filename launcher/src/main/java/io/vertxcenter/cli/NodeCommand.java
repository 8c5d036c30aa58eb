package io.vertxcenter.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.Role;
import io.vertxcenter.http.HttpNode;
import io.vertxcenter.http.HttpVerticle;
import io.vertxcenter.http.NodeMetrics;
import io.vertxcenter.launcher.ClusterRejoin;
import io.vertxcenter.launcher.GracefulShutdown;
import io.vertxcenter.launcher.LauncherVerticle;
import io.vertxcenter.monitor.PrintMode;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code center node}: one cluster node running the roles it is given, until SIGTERM or Ctrl-C
 * (exit 0), or until it cannot rejoin its cluster after a split (exit
 * {@value ClusterRejoin#EXIT_CANNOT_REJOIN}, for its supervisor to start it again).
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run one cluster node with the given roles, until SIGTERM or Ctrl-C.")
public class NodeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);
  private static final long START_TIMEOUT_SECONDS = 120;

  @Spec
  CommandSpec spec;

  @Option(names = "--roles", paramLabel = "ROLE[,ROLE…]", converter = OptionValues.Roles.class, defaultValue = "${env:CENTER_ROLES}", required = true,
      description = "Roles of this node: server, client, monitor, worker, comma-separated (env CENTER_ROLES).")
  String roles;

  @Option(names = "--workers", paramLabel = "N", converter = OptionValues.NodeWorkers.class, defaultValue = "${env:CENTER_WORKERS:-0}",
      description = "Worker verticle instances for the worker role; 0 means one per core (env CENTER_WORKERS).")
  int workers;

  @Option(names = "--bridge-port", paramLabel = "PORT", converter = OptionValues.PortOrNone.class, defaultValue = "${env:CENTER_BRIDGE_PORT:-0}",
      description = "Serve the CLI bridge on this port; 0 means no bridge (env CENTER_BRIDGE_PORT).")
  int bridgePort;

  @Option(names = "--bridge-host", paramLabel = "IP", converter = OptionValues.Host.class, defaultValue = "${env:CENTER_BRIDGE_HOST:-127.0.0.1}",
      description = "Address the CLI bridge binds to (env CENTER_BRIDGE_HOST, default ${DEFAULT-VALUE}).")
  String bridgeHost;

  @Option(names = "--http-port", paramLabel = "PORT", converter = OptionValues.PortOrNone.class, defaultValue = "${env:CENTER_HTTP_PORT:-0}",
      description = "Serve /health, /ready, /metrics and the web console on this port; 0 means none (env CENTER_HTTP_PORT).")
  int httpPort;

  @Option(names = "--http-host", paramLabel = "IP", converter = OptionValues.Host.class, defaultValue = "${env:CENTER_HTTP_HOST:-127.0.0.1}",
      description = "Address the HTTP server binds to (env CENTER_HTTP_HOST, default ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--server-host", paramLabel = "IP", converter = OptionValues.Host.class, defaultValue = "${env:CENTER_SERVER_HOST:-127.0.0.1}",
      description = "Address the TCP server of the server role listens on (env CENTER_SERVER_HOST, default ${DEFAULT-VALUE}).")
  String serverHost;

  @Option(names = "--server-port", paramLabel = "PORT", converter = OptionValues.Port.class, defaultValue = "${env:CENTER_SERVER_PORT:-5000}",
      description = "Port of the TCP server of the server role (env CENTER_SERVER_PORT, default ${DEFAULT-VALUE}).")
  int serverPort;

  @Option(names = "--client-load", paramLabel = "KEY=VALUE[,…]", converter = OptionValues.ClientLoad.class, defaultValue = "${env:CENTER_CLIENT_LOAD}",
      description = "Start the client role's load at node start, e.g. 'host=server,port=5000,rate=2' (the keys of "
          + "'client start'; env CENTER_CLIENT_LOAD). Default: the client waits for 'client start'.")
  String clientLoad;

  @Option(names = "--print", paramLabel = "MODE", converter = OptionValues.Print.class, defaultValue = "${env:CENTER_MONITOR_PRINT:-auto}",
      description = "How the monitor role shows messages: all, summary (one line a second), none, or auto "
          + "(each message up to ~50/s, a summary above) (env CENTER_MONITOR_PRINT, default ${DEFAULT-VALUE}).")
  String print;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  SecurityOptions security;

  private JsonObject parseLoad(String text) {
    JsonObject load = new JsonObject();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "--client-load takes KEY=VALUE pairs separated by commas, got '" + pair + "'");
      }
      load.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return load;
  }

  @Override
  public Integer call() throws Exception {
    Set<Role> roleSet;
    ClusterSettings settings;
    VertxOptions vertxOptions;
    ClusterToken bridgeToken;
    try {
      roleSet = Role.parseList(roles);
      PrintMode.parse(print);
      settings = cluster.settings();
      vertxOptions = security.vertxOptions();
      bridgeToken = bridgePort > 0 || httpPort > 0 ? security.bridgeToken() : null; // the console's commands need it too
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }

    HazelcastClusterManager manager = new HazelcastClusterManager(settings.hazelcastConfig());
    PrometheusMeterRegistry meters = httpPort > 0 ? NodeMetrics.registry() : null;
    VertxBuilder builder = Vertx.builder().with(vertxOptions).withClusterManager(manager);
    Vertx vertx = (meters == null ? builder : NodeMetrics.reportTo(builder, vertxOptions, meters)).buildClustered()
        .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    NodeRegistry registry = new NodeRegistry(manager.getHazelcastInstance());
    registry.removeDepartedMembers();
    GracefulShutdown shutdown = new GracefulShutdown(vertx).onSignals();

    String clusterId = manager.getNodeId();
    String nodeId = roleSet.iterator().next().label() + "-" + clusterId.replace("-", "").substring(0, 6);
    JsonObject config = new JsonObject()
        .put("nodeId", nodeId)
        .put("clusterId", clusterId)
        .put("clusterName", settings.name())
        .put("host", manager.clusterHost())
        .put("roles", new JsonArray(roleSet.stream().map(Role::label).toList()))
        .put("workers", workers == 0 ? Runtime.getRuntime().availableProcessors() : workers)
        .put("bridgeHost", bridgeHost)
        .put("bridgePort", bridgePort)
        .put("http", meters == null ? null : httpHost + ":" + httpPort)
        .put("server", new JsonObject().put("host", serverHost).put("port", serverPort))
        .put("monitorPrint", print)
        .put("clientLoad", clientLoad == null ? null : parseLoad(clientLoad));
    try {
      (meters == null ? Future.succeededFuture() : vertx.deployVerticle(new HttpVerticle(
              new HttpNode(nodeId, clusterId, roleSet, httpHost, httpPort), manager, registry, meters, bridgeToken::matches)))
          .compose(http -> vertx.deployVerticle(new LauncherVerticle(registry, bridgeToken), new DeploymentOptions().setConfig(config)))
          .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.error("node {} could not start: {}", nodeId, cause.getMessage());
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return 1;
    }
    long readyMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    LOG.info("node {} ready in {} ms: roles {}, pid {}, cluster '{}' at {}{}{}", nodeId, readyMs,
        config.getJsonArray("roles").encode(), ProcessHandle.current().pid(), settings.name(), manager.clusterHost(),
        bridgePort > 0 ? ", CLI bridge " + bridgeHost + ":" + bridgePort : "",
        meters == null ? "" : ", HTTP http://" + httpHost + ":" + httpPort + "/");
    new ClusterRejoin(vertx, manager, registry, Addresses.node(nodeId), shutdown,
        ClusterRejoin.MERGE_TIMEOUT, ClusterRejoin.RESTORE_TIMEOUT).install();
    return shutdown.awaitStop();
  }
}
