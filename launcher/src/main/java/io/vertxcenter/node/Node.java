package io.vertxcenter.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ClusterIdentity;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.node.http.HttpNode;
import io.vertxcenter.node.http.HttpVerticle;
import io.vertxcenter.node.http.NodeMetrics;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster node, start to stop, read top to bottom in {@link #run}: join the cluster, clean the
 * registry, take signals, deploy the node's own verticle ({@link NodeVerticle}), serve HTTP, deploy
 * the roles ({@link LauncherVerticle}), list the node in the registry, say it is ready, watch for a
 * split, then wait for the stop. {@code center node} parses its flags into a
 * {@link NodeConfig} and hands it here.
 */
public final class Node {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private static final long START_TIMEOUT_SECONDS = 120;

  private final NodeConfig config;
  private final VertxOptions vertxOptions;
  private final ClusterToken token;
  private final ClusterIdentity identity;

  /**
   * Reads what the node needs before it starts anything: its event-bus TLS options, its token and
   * the cluster identity made of them.
   *
   * @param config the node's configuration
   * @param home   the directory a created token is kept in ({@code CENTER_HOME}, by default
   *               {@code ~/.vertxcenter})
   * @throws IllegalArgumentException naming a security setting that cannot be used (a token file
   *         that cannot be read, a TLS directory without its files): nothing has started
   */
  public Node(NodeConfig config, Path home) {
    this.config = config;
    this.vertxOptions = config.security().vertxOptions();
    // the bridge and the console demand the token, and the cluster identity is made of it; a node that
    // serves neither joins with the configured one, if any
    this.token = config.bridge().serves() || config.http().serves()
        ? ClusterToken.configuredOrCreated(config.security().tokenFile(), home)
        : ClusterToken.configured(config.security().tokenFile(), home).orElse(null);
    this.identity = ClusterIdentity.of(token, config.security().tlsDir());
  }

  /**
   * Starts the node and runs it until it stops.
   *
   * @param httpAllowedHosts names besides the built-in ones that HTTP requests may give as Host
   * @param stopOnEndOf      an input whose end stops the node (the pipe of {@code center up}'s
   *                         supervisor), or null
   * @return the exit status: 0 after a stop by signal or end of input, 1 when the cluster could
   *         not be joined or a part could not start (one ERROR line with why), {@value ClusterRejoin#EXIT_CANNOT_REJOIN} when it could not
   *         rejoin its cluster after a split
   * @throws Exception when the node is interrupted while it starts
   */
  public int run(List<String> httpAllowedHosts, InputStream stopOnEndOf) throws Exception {
    HazelcastClusterManager manager = new HazelcastClusterManager(config.cluster().hazelcastConfig(identity));
    PrometheusMeterRegistry meters = config.http().serves() ? NodeMetrics.registry() : null;
    Vertx vertx;
    try {
      vertx = joinCluster(manager, meters);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.error("node could not join cluster '{}' on {} ({}): check --cluster-host (an address of this machine), "
          + "--cluster-port and --members, then start it again", config.cluster().name(), config.cluster().host(),
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
      return 1;
    }
    NodeRegistry registry = new NodeRegistry(manager.getHazelcastInstance());
    registry.removeDepartedMembers();
    GracefulShutdown shutdown = new GracefulShutdown(vertx).onSignals();
    if (stopOnEndOf != null) {
      shutdown.onEndOf(stopOnEndOf);
    }

    String clusterId = manager.getNodeId();
    String nodeId = config.roles().iterator().next().label() + "-" + clusterId.replace("-", "").substring(0, 6);
    NodeVerticle self = new NodeVerticle(registry, config.cluster().name(),
        config.registryEntry(nodeId, clusterId, manager.clusterHost()));
    try {
      vertx.deployVerticle(self)
          .compose(deployed -> meters == null ? Future.succeededFuture() : vertx.deployVerticle(new HttpVerticle(
              new HttpNode(nodeId, clusterId, config.roles(), config.http().host(), config.http().port(), httpAllowedHosts),
              manager, registry, meters, token::matches)))
          .compose(deployed -> vertx.deployVerticle(new LauncherVerticle(config, nodeId, token)))
          .compose(rolesStarted -> self.list())
          .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.error("node {} could not start: {}", nodeId, cause.getMessage());
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return 1;
    }
    logReady(nodeId, registry, manager);
    new ClusterRejoin(vertx, manager, registry, Addresses.node(nodeId), shutdown,
        ClusterRejoin.MERGE_TIMEOUT, ClusterRejoin.RESTORE_TIMEOUT).install();
    return shutdown.awaitStop();
  }

  /** A clustered Vert.x on {@code manager}, reporting to {@code meters} when the node serves HTTP. */
  private Vertx joinCluster(HazelcastClusterManager manager, PrometheusMeterRegistry meters) throws Exception {
    VertxBuilder builder = Vertx.builder().with(vertxOptions).withClusterManager(manager);
    return (meters == null ? builder : NodeMetrics.reportTo(builder, vertxOptions, meters)).buildClustered()
        .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * The node's one start-up line: listed in the registry, so ready as a node; a role that cannot
   * serve yet (a taken port, logged above with why) leaves it in another state, which the line names.
   */
  private void logReady(String nodeId, NodeRegistry registry, HazelcastClusterManager manager) {
    long readyMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    String state = registry.list().stream().filter(listed -> listed.id().equals(nodeId)).findFirst()
        .filter(listed -> !NodeState.READY.equals(listed.state()))
        .map(listed -> ", state " + listed.state()).orElse("");
    LOG.info("node {} ready in {} ms{}: roles {}, pid {}, cluster '{}' ({}) at {}{}{}", nodeId, readyMs, state,
        config.roleLabels(), ProcessHandle.current().pid(), config.cluster().name(), identity.describe(), manager.clusterHost(),
        config.bridge().serves() ? ", CLI bridge " + config.bridge().address() : "",
        config.http().serves() ? ", HTTP http://" + config.http().address() + "/" : "");
  }
}
