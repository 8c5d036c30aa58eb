package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.NumberedLines;
import io.vertxcenter.it.ShownLines;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One display per line across monitor JVMs: numbered lines flow at 2,000 lines/s through a server
 * node to two monitor nodes printing every message, while a fault hits the monitor that receives
 * them; the monitors' consoles are read back ({@link ShownLines}): no line lost, none shown twice
 * unmarked.
 */
class MonitorOnceIT {
  private static final int RATE = 2_000;
  private static final Duration DELIVERY = Duration.ofSeconds(90);

  @Test
  @DisplayName("a monitor frozen 15 s (SIGSTOP) while lines flow: after SIGCONT it drops the batches resent meanwhile; 0 lines shown twice unmarked, none lost")
  void frozenMonitorShowsNothingTwice() throws Exception {
    try (TestCluster nodes = TestCluster.withServer()) {
      List<NodeProcess> monitors = twoMonitors(nodes);
      NodeProcess first = monitors.get(0);
      NodeProcess second = monitors.get(1);
      try (NumberedLines lines = new NumberedLines(nodes.serverPort(), RATE)) {
        NodeProcess frozen = receiving(first, second);
        signal(frozen, "STOP");
        Thread.sleep(15_000); // the fault: the monitor's JVM stands still for 15 s
        signal(frozen, "CONT");
        long thawed = lines.sent();
        awaitShown(lines, thawed + RATE * 5L, first, second);
        long sent = lines.stop();

        awaitAllShown(sent, first, second);
        awaitAcknowledged(nodes);
        // its status answers once the batches queued before it are handled: what it shows of them is in its console
        JsonObject frozenStatus = nodes.request(frozen.pid(), Role.MONITOR, "status", new JsonObject());
        ShownLines shown = new ShownLines(sent, Stream.of(first.output(), second.output()));
        Files.writeString(Path.of("target", "frozen-monitor-1.log"), first.output());
        Files.writeString(Path.of("target", "frozen-monitor-2.log"), second.output());
        System.out.println("server after the frozen monitor: " + nodes.serverStatus().encode());
        System.out.printf("frozen monitor, 15 s: %s; the frozen one dropped %d lines that came past their deadline%n",
            shown, frozenStatus.getLong("late"));
        shown.assertOnceEach();
        assertTrue(frozenStatus.getLong("late") > 0, "the frozen monitor dropped the batches it got late: " + frozenStatus);
      }
    }
  }

  @Test
  @DisplayName("a monitor killed -9 while lines flow, holding unacknowledged batches: every line shown, repeats only marked (resent), and the other monitor's 'resent' counts them")
  void killedMonitorRepeatsOnlyMarked() throws Exception {
    try (TestCluster nodes = TestCluster.withServer()) {
      List<NodeProcess> monitors = twoMonitors(nodes);
      NodeProcess first = monitors.get(0);
      NodeProcess second = monitors.get(1);
      try (NumberedLines lines = new NumberedLines(nodes.serverPort(), RATE)) {
        NodeProcess killed = receiving(first, second);
        NodeProcess survivor = killed == first ? second : first;
        // stopped first for a second, so it dies holding batches it has not acknowledged, which the server must resend
        signal(killed, "STOP");
        long atStop = lines.sent();
        TestCluster.await("a second of lines sent", () -> new JsonObject().put("sent", lines.sent()),
            sent -> sent.getLong("sent") >= atStop + RATE, DELIVERY);
        signal(killed, "KILL");
        long atKill = lines.sent();
        awaitShown(lines, atKill + RATE * 5L, survivor);
        long sent = lines.stop();

        awaitAllShown(sent, first, second);
        awaitAcknowledged(nodes);
        ShownLines shown = new ShownLines(sent, Stream.of(first.output(), second.output()));
        JsonObject survivorStatus = nodes.request(survivor.pid(), Role.MONITOR, "status", new JsonObject());
        ShownLines bySurvivor = new ShownLines(sent, Stream.of(survivor.output()));
        Files.writeString(Path.of("target", "killed-monitor-victim.log"), killed.output());
        Files.writeString(Path.of("target", "killed-monitor-survivor.log"), survivor.output());
        System.out.printf("monitor killed -9: %s; the survivor counted %d resent, showed %d marked%n",
            shown, survivorStatus.getLong("resent"), bySurvivor.marked());
        shown.assertOnceEach();
        assertTrue(bySurvivor.marked() > 0, "the survivor showed the dead one's unacknowledged lines, marked: " + shown);
        assertEquals(bySurvivor.marked(), survivorStatus.getLong("resent"), "the survivor's 'resent' counts what it showed marked");
      }
    }
  }

  /** Two monitor nodes printing every message, both ready and in the registry. */
  private static List<NodeProcess> twoMonitors(TestCluster nodes) {
    List<NodeProcess> monitors = List.of(nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL).start(), nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL).start());
    monitors.forEach(NodeProcess::awaitReady);
    nodes.awaitNodes(3, DELIVERY);
    return monitors;
  }

  /**
   * The monitor the server is sending to now: the one whose console grows by half a second of the
   * steady load first (the server keeps sending to the monitor that acknowledged last).
   */
  private static NodeProcess receiving(NodeProcess first, NodeProcess second) {
    TestCluster.await("lines at a monitor", () -> new JsonObject().put("shown", count(first) + count(second)),
        shown -> shown.getLong("shown") > RATE, DELIVERY);
    long before = count(first);
    long otherBefore = count(second);
    JsonObject grown = TestCluster.await("half a second of lines at one monitor",
        () -> new JsonObject().put("first", count(first) - before).put("second", count(second) - otherBefore),
        growth -> Math.max(growth.getLong("first"), growth.getLong("second")) >= RATE / 2, DELIVERY);
    return grown.getLong("first") >= grown.getLong("second") ? first : second;
  }

  private static long count(NodeProcess monitor) {
    return monitor.output().lines().filter(line -> line.contains("Received String")).count();
  }

  /** Waits until the monitors showed {@code number} lines in all (lines still flowing). */
  private static void awaitShown(NumberedLines lines, long number, NodeProcess... monitors) {
    TestCluster.await(number + " lines sent and shown", () -> new JsonObject().put("sent", lines.sent())
            .put("shown", Stream.of(monitors).mapToLong(MonitorOnceIT::count).sum()),
        status -> status.getLong("sent") >= number && status.getLong("shown") >= number, DELIVERY);
  }

  private static void awaitAcknowledged(TestCluster nodes) {
    TestCluster.await("every line acknowledged", nodes::serverStatus, status -> status.getLong("pending") == 0, DELIVERY);
  }

  /** Waits until every number up to {@code sent} is shown by one of {@code monitors}, and returns what they showed. */
  private static void awaitAllShown(long sent, NodeProcess... monitors) {
    long deadline = System.nanoTime() + DELIVERY.toNanos();
    ShownLines shown;
    do {
      shown = new ShownLines(sent, Stream.of(monitors).map(NodeProcess::output));
    } while (shown.lost() > 0 && System.nanoTime() < deadline);
  }

  private static void signal(NodeProcess node, String signal) {
    try {
      Process kill = new ProcessBuilder(List.of("kill", "-" + signal, String.valueOf(node.pid()))).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill -" + signal + " " + node.pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
