package io.vertxcenter.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertxcenter.client.ClientRoleVerticle;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.Role;
import io.vertxcenter.monitor.MonitorRoleVerticle;
import io.vertxcenter.server.ServerRoleVerticle;
import io.vertxcenter.worker.WorkerRoleVerticle;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys what a node is made of: one verticle per role, the CLI bridge when asked for, and last
 * the {@link NodeVerticle}, which puts the node in the registry. So a node shows up in the registry
 * only once every role has started: serving, or {@code degraded} with the reason (a server whose
 * port is taken). When the node stops, its server role stops first and delivers
 * what it read; its monitor, client and worker roles stop only after that ({@link StopOrder}).
 * A part that cannot start (the bridge's port taken) fails the node only once every part has
 * settled: Vert.x then undoes deployments that have finished starting, not ones half-way, which
 * completed their start twice ("Promise already completed"). {@link Node#run} deploys it once the
 * node has joined its cluster.
 */
public class LauncherVerticle extends VerticleBase {
  private final NodeConfig config;
  private final NodeInfo entry;
  private final NodeRegistry registry;
  private final ClusterToken bridgeToken;

  /**
   * @param config      the node's configuration: its roles and each role's settings
   * @param entry       the node's registry entry, put once every role can serve
   * @param registry    the cluster's node registry
   * @param bridgeToken the token the CLI bridge demands (unused when the node serves no bridge)
   */
  public LauncherVerticle(NodeConfig config, NodeInfo entry, NodeRegistry registry, ClusterToken bridgeToken) {
    this.config = config;
    this.entry = entry;
    this.registry = registry;
    this.bridgeToken = bridgeToken;
  }

  @Override
  public Future<?> start() {
    List<Future<String>> deployments = new ArrayList<>();
    StopOrder stopOrder = new StopOrder();
    for (Role role : config.roles()) {
      deployments.add(deployRole(role, stopOrder));
    }
    if (!config.roles().contains(Role.SERVER)) {
      stopOrder.noIngest();
    }
    if (config.bridge().serves()) {
      deployments.add(vertx.deployVerticle(new BridgeVerticle(bridgeToken, config.bridge(), entry.id())));
    }
    return Future.join(deployments).compose(v -> vertx.deployVerticle(new NodeVerticle(registry, config.cluster().name(), entry)));
  }

  private Future<String> deployRole(Role role, StopOrder stopOrder) {
    String nodeId = entry.id();
    return switch (role) {
      case SERVER -> vertx.deployVerticle(stopOrder.ingest(new ServerRoleVerticle(nodeId, config.server(), config.log())));
      case CLIENT -> vertx.deployVerticle(stopOrder.afterIngest(new ClientRoleVerticle(nodeId, config.clientPlan(), config.clientLoad() != null)));
      case MONITOR -> vertx.deployVerticle(stopOrder.afterIngest(new MonitorRoleVerticle(nodeId, config.print())));
      case WORKER -> vertx.deployVerticle(stopOrder.afterIngest(new WorkerRoleVerticle(nodeId, config.workerInstances())));
    };
  }
}
