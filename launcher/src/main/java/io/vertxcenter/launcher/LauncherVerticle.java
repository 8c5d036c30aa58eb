package io.vertxcenter.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.client.ClientRoleVerticle;
import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.NodeRegistry;
import io.vertxcenter.common.Role;
import io.vertxcenter.monitor.MonitorRoleVerticle;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.ServerParams;
import io.vertxcenter.server.ServerRoleVerticle;
import io.vertxcenter.worker.WorkerRoleVerticle;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys what a node is made of: one verticle per role, the CLI bridge when asked for, and last
 * the {@link NodeVerticle}, which puts the node in the registry. So a node shows up in the registry
 * only once every role can serve. When the node stops, its server role stops first and delivers
 * what it read; its monitor, client and worker roles stop only after that ({@link StopOrder}).
 */
public class LauncherVerticle extends VerticleBase {
  private final NodeRegistry registry;
  private final ClusterToken bridgeToken;

  /** @param bridgeToken the token the CLI bridge demands; null when the node serves no bridge */
  public LauncherVerticle(NodeRegistry registry, ClusterToken bridgeToken) {
    this.registry = registry;
    this.bridgeToken = bridgeToken;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    Map<String, Integer> verticles = new LinkedHashMap<>();
    List<Future<String>> deployments = new ArrayList<>();
    StopOrder stopOrder = new StopOrder();
    for (Object label : config.getJsonArray("roles")) {
      Role role = Role.parse((String) label);
      deployments.add(deployRole(role, config, stopOrder));
      verticles.put(role.label(), role == Role.WORKER ? config.getInteger("workers") : 1);
    }
    if (!verticles.containsKey(Role.SERVER.label())) {
      stopOrder.noIngest();
    }
    int bridgePort = config.getInteger("bridgePort");
    String bridge = bridgePort > 0 ? config.getString("bridgeHost") + ":" + bridgePort : null;
    if (bridge != null) {
      deployments.add(vertx.deployVerticle(new BridgeVerticle(bridgeToken), withConfig(new JsonObject()
          .put("host", config.getString("bridgeHost")).put("port", bridgePort).put("nodeId", config.getString("nodeId")))));
    }
    NodeInfo node = new NodeInfo(
        config.getString("nodeId"),
        config.getString("clusterId"),
        List.copyOf(verticles.keySet()),
        config.getString("host"),
        ProcessHandle.current().pid(),
        ManagementFactory.getRuntimeMXBean().getStartTime(),
        "ready",
        verticles,
        bridge,
        config.getString("http"));
    JsonObject nodeConfig = new JsonObject().put("clusterName", config.getString("clusterName")).put("node", node.toJson());
    return Future.all(deployments).compose(v -> vertx.deployVerticle(new NodeVerticle(registry), withConfig(nodeConfig)));
  }

  private Future<String> deployRole(Role role, JsonObject config, StopOrder stopOrder) {
    String nodeId = config.getString("nodeId");
    JsonObject load = config.getJsonObject("clientLoad");
    return switch (role) {
      case SERVER -> vertx.deployVerticle(stopOrder.ingest(
          new ServerRoleVerticle(nodeId, ServerParams.DEFAULTS.with(config.getJsonObject("server")))));
      case CLIENT -> vertx.deployVerticle(stopOrder.afterIngest(
          new ClientRoleVerticle(nodeId, load == null ? null : LoadPlan.of(load))));
      case MONITOR -> vertx.deployVerticle(stopOrder.afterIngest(
          new MonitorRoleVerticle(nodeId, PrintMode.parse(config.getString("monitorPrint")))));
      case WORKER -> vertx.deployVerticle(stopOrder.afterIngest(new WorkerRoleVerticle(nodeId, config.getInteger("workers"))));
    };
  }

  private static DeploymentOptions withConfig(JsonObject config) {
    return new DeploymentOptions().setConfig(config);
  }
}
