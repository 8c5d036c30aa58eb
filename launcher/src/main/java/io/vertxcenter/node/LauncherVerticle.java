package io.vertxcenter.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertxcenter.client.ClientRoleVerticle;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.Role;
import io.vertxcenter.monitor.MonitorRoleVerticle;
import io.vertxcenter.server.ServerRoleVerticle;
import io.vertxcenter.worker.WorkerRoleVerticle;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the roles a node is made of, one verticle each, and the CLI bridge when asked for. Its
 * start completes once every role has started: serving, or {@code degraded} with the reason (a
 * server whose port is taken); only then does {@link Node#run} list the node in the registry
 * ({@link NodeVerticle#list()}). When the node stops, its server role stops first and delivers
 * what it read; its monitor, client and worker roles stop only after that ({@link StopOrder}).
 * A part that cannot start (the bridge's port taken) fails the node only once every part has
 * settled: Vert.x then undoes deployments that have finished starting, not ones half-way, which
 * completed their start twice ("Promise already completed"). {@link Node#run} deploys it once the
 * node has joined its cluster.
 */
public class LauncherVerticle extends VerticleBase {
  private final NodeConfig config;
  private final String nodeId;
  private final ClusterToken bridgeToken;

  /**
   * @param config      the node's configuration: its roles and each role's settings
   * @param nodeId      the node's readable id ({@code server-3fa2b1}), which its command addresses name
   * @param bridgeToken the token the CLI bridge demands (unused when the node serves no bridge)
   */
  public LauncherVerticle(NodeConfig config, String nodeId, ClusterToken bridgeToken) {
    this.config = config;
    this.nodeId = nodeId;
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
      deployments.add(vertx.deployVerticle(new BridgeVerticle(bridgeToken, config.bridge(), nodeId)));
    }
    return Future.join(deployments);
  }

  private Future<String> deployRole(Role role, StopOrder stopOrder) {
    return switch (role) {
      case SERVER -> vertx.deployVerticle(stopOrder.ingest(new ServerRoleVerticle(nodeId, config.server(), config.log())));
      case CLIENT -> vertx.deployVerticle(stopOrder.afterIngest(new ClientRoleVerticle(nodeId, config.clientPlan(), config.clientLoad() != null)));
      case MONITOR -> vertx.deployVerticle(stopOrder.afterIngest(new MonitorRoleVerticle(nodeId, config.print())));
      case WORKER -> vertx.deployVerticle(stopOrder.afterIngest(new WorkerRoleVerticle(nodeId, config.workerInstances())));
    };
  }
}
