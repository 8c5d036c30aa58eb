package io.vertxcenter.cli;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.connect.ClusterConnection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code center cluster status}: the nodes in the registry. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Look at the cluster as a whole.",
    subcommands = ClusterCommand.Status.class)
public class ClusterCommand extends CommandGroup {

  @Command(name = "status", mixinStandardHelpOptions = true, description = "List the nodes of the cluster.")
  static class Status implements Runnable {
    @Mixin
    ClusterTarget target;

    @Mixin
    JsonOutput output;

    @Override
    public void run() {
      try (ClusterConnection connection = target.connect()) {
        JsonObject status = connection.clusterStatus();
        if (output.enabled()) {
          System.out.println(status.encodePrettily());
        } else {
          printNodes(System.out, status.getString("cluster"),
              status.getJsonArray("nodes").stream().map(node -> NodeInfo.fromJson((JsonObject) node)).toList());
        }
      }
    }
  }

  /**
   * The node table shared by {@code cluster status} and {@code up}, then one line per node that is
   * not ready saying why ({@code server-1a2b3c is degraded: the server cannot listen on …}).
   */
  public static void printNodes(PrintStream out, String cluster, List<NodeInfo> nodes) {
    out.println("cluster '" + cluster + "': " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes"));
    Table table = new Table("ID", "ROLES", "HOST", "PID", "UPTIME", "STATE", "VERTICLES", "BRIDGE", "HTTP");
    long now = System.currentTimeMillis();
    for (NodeInfo node : nodes) {
      table.row(node.id(), String.join(",", node.roles()), node.host(), node.pid(),
          uptime(Duration.ofMillis(now - node.startedAt())), node.state(), verticles(node), node.bridge(), node.http());
    }
    table.print(out);
    for (NodeInfo node : nodes) {
      if (node.reason() != null) {
        out.println(node.id() + " is " + node.state() + ": " + node.reason());
      }
    }
  }

  private static String verticles(NodeInfo node) {
    return node.verticles().entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
        .reduce((a, b) -> a + " " + b).orElse("-");
  }

  static String uptime(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + seconds % 60 + "s";
    }
    return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
  }
}
