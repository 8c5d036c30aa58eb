package io.vertxcenter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import java.time.Duration;
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
  private static final Set<String> ALL = Set.of("server", "monitor", "worker");

  @Test
  @DisplayName("a monitor frozen 40 s (SIGSTOP) is back in every registry within 30 s of SIGCONT; every line sent meanwhile arrives once")
  void frozenMonitorRejoins() throws Exception {
    try (MemberListNodes nodes = new MemberListNodes(3)) {
      int serverPort = NodeProcess.freePort();
      nodes.start("server", "server", "--server-port", String.valueOf(serverPort)).awaitReady();
      nodes.start("monitor", "monitor", "--print", "none");
      nodes.start("worker", "worker", "--workers", "1");
      nodes.node("monitor").awaitReady();
      nodes.node("worker").awaitReady();
      nodes.awaitEveryRegistry(ALL, START);
      long monitorPid = nodes.node("monitor").pid();

      try (LineSocket socket = LineSocket.greeted(serverPort)) {
        int sent = send(socket, "before", 100);
        awaitMonitorMessages(nodes, sent);

        nodes.signal("monitor", "STOP");
        long frozenAt = System.nanoTime();
        long thawAt = frozenAt + Duration.ofSeconds(40).toNanos();
        sent += send(socket, "frozen", 100);
        // The others drop the frozen monitor once it has missed its heartbeats for 30 s.
        MemberListNodes.await("the frozen monitor dropped", () -> nodes.registryOf("server"),
            Set.of(nodes.node("server").pid(), nodes.node("worker").pid())::equals, Duration.ofSeconds(45));
        long droppedMs = (System.nanoTime() - frozenAt) / 1_000_000;
        sent += send(socket, "dropped", 100);
        // Hold the freeze to its 40th second, watching the server hold every line it cannot deliver.
        MemberListNodes.await("the 40th second of the freeze", () -> nodes.request("server", Role.SERVER, "status"),
            status -> {
              assertEquals(100, status.getLong("acked"), "nothing acknowledged while the monitor is frozen: " + status);
              return System.nanoTime() >= thawAt;
            }, Duration.ofSeconds(60));
        sent += send(socket, "last frozen", 100);
        nodes.signal("monitor", "CONT");
        long thawedAt = System.nanoTime();
        sent += send(socket, "thawed", 100);

        long rejoinMs = nodes.awaitEveryRegistry(ALL, Duration.ofSeconds(60));
        int total = sent;
        JsonObject monitor = awaitMonitorMessages(nodes, total);
        long deliveredMs = (System.nanoTime() - thawedAt) / 1_000_000;
        JsonObject server = MemberListNodes.await("every line acknowledged", () -> nodes.request("server", Role.SERVER, "status"),
            status -> status.getLong("pending") == 0, Duration.ofSeconds(30));
        System.out.printf("frozen monitor: dropped by the others %d ms into the freeze; after SIGCONT back in every registry"
            + " in %d ms, all %d lines delivered in %d ms; monitor %s; server %s%n",
            droppedMs, rejoinMs, total, deliveredMs, monitor.encode(), server.encode());

        assertTrue(rejoinMs <= 30_000, "back in every registry " + rejoinMs + " ms after SIGCONT");
        assertEquals(total, monitor.getLong("messages"), "every line once at the monitor: " + monitor.encode());
        assertEquals(total, server.getLong("received"), server.encode());
        assertEquals(total, server.getLong("acked"), server.encode());
        assertEquals(monitorPid, nodes.node("monitor").pid(), "the same monitor JVM, not a restarted one");
        nodes.node("monitor").awaitLine(line -> line.contains("registry entry and event-bus consumers restored"),
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

  private static JsonObject awaitMonitorMessages(MemberListNodes nodes, long messages) {
    return MemberListNodes.await(messages + " lines at the monitor", () -> {
      try {
        return nodes.request("server", Role.MONITOR, "status");
      } catch (CliException e) {
        return new JsonObject().put("messages", -1).put("error", e.getMessage());
      }
    }, status -> status.getLong("messages") >= messages, Duration.ofSeconds(60));
  }
}
