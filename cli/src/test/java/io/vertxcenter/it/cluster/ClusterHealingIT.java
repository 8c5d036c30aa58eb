package io.vertxcenter.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.MemberListNodes;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cluster heals without anyone's help: a monitor frozen for 40 s (what a long GC pause, a VM
 * migration or a laptop lid does) is dropped by the others, and once it runs again it comes back
 * into every node's registry and serves, and no line sent meanwhile is lost or doubled. Nodes are
 * laid out as {@code center up} lays them out: each told of every node's Hazelcast port, its own
 * among them. (A node killed and restarted: {@link LocalSupervisionIT}.)
 */
class ClusterHealingIT {
  private static final Duration START = NodeProcess.START_TIMEOUT;

  @Test
  @DisplayName("a monitor frozen 40 s (SIGSTOP) is back in every registry within 30 s of SIGCONT; every line sent meanwhile arrives once")
  void frozenMonitorRejoins() throws Exception {
    try (TestCluster nodes = new TestCluster(3)) {
      NodeProcess server = nodes.node("server", Role.SERVER).withBridge().start().awaitReady();
      TestCluster.Node monitorNode = nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.NONE).withBridge();
      nodes.node("worker", Role.WORKER).withBridge();
      nodes.start();
      List<String> bridges = nodes.nodes().stream().map(TestCluster.Node::bridge).toList();
      Set<Long> all = Set.copyOf(nodes.processes().stream().map(NodeProcess::pid).toList());
      MemberListNodes.awaitEveryRegistry(bridges, all, START);
      NodeProcess monitorJvm = monitorNode.process();
      long monitorPid = monitorJvm.pid();

      try (LineSocket socket = LineSocket.greeted(nodes.serverPort())) {
        int sent = send(socket, "before", 100);
        awaitMonitorMessages(nodes, sent);

        monitorJvm.signal("STOP");
        long frozenAt = System.nanoTime();
        long thawAt = frozenAt + Duration.ofSeconds(40).toNanos();
        sent += send(socket, "frozen", 100);
        // The others drop the frozen monitor once it has missed its heartbeats for 30 s.
        Eventually.await("the frozen monitor dropped", () -> MemberListNodes.registryAt(bridges.get(0)),
            Set.of(server.pid(), nodes.node("worker").process().pid())::equals, Duration.ofSeconds(45));
        long droppedMs = (System.nanoTime() - frozenAt) / 1_000_000;
        sent += send(socket, "dropped", 100);
        // Hold the freeze to its 40th second, watching the server hold every line it cannot deliver.
        Eventually.await("the 40th second of the freeze", nodes::serverStatus,
            status -> {
              assertEquals(100, status.getLong("acked"), "nothing acknowledged while the monitor is frozen: " + status);
              return System.nanoTime() >= thawAt;
            }, Duration.ofSeconds(60));
        sent += send(socket, "last frozen", 100);
        monitorJvm.signal("CONT");
        long thawedAt = System.nanoTime();
        sent += send(socket, "thawed", 100);

        long rejoinMs = MemberListNodes.awaitEveryRegistry(bridges, all, Duration.ofSeconds(60));
        int total = sent;
        JsonObject monitor = awaitMonitorMessages(nodes, total);
        long deliveredMs = (System.nanoTime() - thawedAt) / 1_000_000;
        JsonObject serverStatus = Eventually.await("every line acknowledged", nodes::serverStatus,
            status -> status.getLong("pending") == 0, Duration.ofSeconds(30));
        System.out.printf("frozen monitor: dropped by the others %d ms into the freeze; after SIGCONT back in every registry"
            + " in %d ms, all %d lines delivered in %d ms; monitor %s; server %s%n",
            droppedMs, rejoinMs, total, deliveredMs, monitor.encode(), serverStatus.encode());

        assertTrue(rejoinMs <= 30_000, "back in every registry " + rejoinMs + " ms after SIGCONT");
        assertEquals(total, monitor.getLong("messages"), "every line once at the monitor: " + monitor.encode());
        assertEquals(total, serverStatus.getLong("received"), serverStatus.encode());
        assertEquals(total, serverStatus.getLong("acked"), serverStatus.encode());
        assertEquals(monitorPid, monitorNode.process().pid(), "the same monitor JVM, not a restarted one");
        monitorJvm.awaitLine(line -> line.contains("registry entry and event-bus consumers restored"),
            Duration.ofSeconds(10));
      }
    }
  }

  private static int send(LineSocket socket, String tag, int lines) {
    for (int n = 1; n <= lines; n++) {
      socket.send(tag + " " + n + "\n");
    }
    return lines;
  }

  private static JsonObject awaitMonitorMessages(TestCluster nodes, long messages) {
    return Eventually.await(messages + " lines at the monitor", () -> {
      try {
        return nodes.monitorStatus();
      } catch (CliException e) {
        return new JsonObject().put("messages", -1).put("error", e.getMessage());
      }
    }, status -> status.getLong("messages") >= messages, Duration.ofSeconds(60));
  }
}
