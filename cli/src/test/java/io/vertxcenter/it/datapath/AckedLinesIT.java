package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.AckTally;
import io.vertxcenter.it.AckWriter;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ack port acknowledged is never lost, counted from outside as Jepsen counts a queue: four
 * ack-port clients write numbered lines at full speed to a server node with a data log; a fault hits
 * the server (kill -9 of its JVM, or {@code server stop}); the server comes back (the same command
 * line on the same data dir, or {@code server start}); then the monitor's printed output (a file, the
 * monitor showing every line) must hold every acknowledged line, each once.
 */
class AckedLinesIT {
  private static final int CONNECTIONS = 4;
  private static final long UNDER_LOAD = 150_000;
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir
  Path dir;

  private final TestCluster nodes = new TestCluster();

  @AfterEach
  void kill() {
    nodes.close();
  }

  @Test
  @DisplayName("kill -9 of the server JVM under full load on 4 ack-port connections, then the same command line: every acknowledged line shown, once")
  void serverKilled() throws Exception {
    Cluster cluster = new Cluster();
    NodeProcess server = cluster.startServer().awaitReady();
    List<AckWriter> writers = writeAtFullSpeed(cluster);
    server.process().destroyForcibly();
    server.process().waitFor(30, TimeUnit.SECONDS);
    for (AckWriter writer : writers) {
      writer.awaitEnd(DEADLINE.toMillis());
    }
    NodeProcess again = cluster.startServer().awaitReady();
    AckTally tally = AckTally.awaitShown(writers, List.of(dir.resolve("monitor.out")), DEADLINE);
    System.out.println("kill -9 of the server: " + tally + "; restarted server: "
        + again.output().lines().filter(line -> line.contains("data log")).toList());
    assertEquals(0, tally.lost, tally.toString());
    assertEquals(0, tally.shownTwice, tally.toString());
  }

  @Test
  @DisplayName("'server stop' then 'server start' under full load on 4 ack-port connections: every line the server read shown once, every acknowledged one among them")
  void serverStoppedAndStarted() throws Exception {
    Cluster cluster = new Cluster();
    cluster.startServer().awaitReady();
    List<AckWriter> writers = writeAtFullSpeed(cluster);
    JsonObject stopped = cluster.server("stop");
    for (AckWriter writer : writers) {
      writer.awaitEnd(DEADLINE.toMillis());
    }
    cluster.server("start");
    AckTally tally = AckTally.awaitShown(writers, List.of(dir.resolve("monitor.out")), DEADLINE);
    long received = stopped.getLong("received");
    System.out.println("server stop, then start: " + tally + "; the server read " + received + " lines, dropped "
        + stopped.getLong("dropped"));
    assertEquals(0, tally.lost, tally.toString());
    assertEquals(0, tally.shownTwice, tally.toString());
    TestCluster.await("every line the server read shown",
        () -> new JsonObject().put("shown", AckTally.count(writers, List.of(dir.resolve("monitor.out"))).shown),
        shown -> shown.getLong("shown") == received, DEADLINE);
  }

  /** Starts the writers and returns once the server has acknowledged {@link #UNDER_LOAD} lines to them. */
  private List<AckWriter> writeAtFullSpeed(Cluster cluster) {
    List<AckWriter> writers = new ArrayList<>();
    for (int c = 1; c <= CONNECTIONS; c++) {
      writers.add(new AckWriter(cluster.server.ackPort(), c));
    }
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (writers.stream().mapToLong(AckWriter::acknowledged).sum() < UNDER_LOAD) {
      assertTrue(System.nanoTime() < deadline, "the server did not acknowledge " + UNDER_LOAD + " lines within " + DEADLINE);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return writers;
  }

  /** A monitor (the seed, with the CLI bridge, printing every line to a file) and a server node with an ack port and a data dir. */
  private final class Cluster {
    final TestCluster.Node server;

    /** Starts the monitor, its console (every line) appended to {@code monitor.out}, and waits until it is ready. */
    Cluster() {
      nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL).withBridge()
          .startWritingTo(dir.resolve("monitor.out").toFile()).awaitReady();
      server = nodes.node("server", Role.SERVER).withAckPort().withDataDir(dir.resolve("data"));
    }

    /** The server node, always the same command line. */
    NodeProcess startServer() {
      return server.start();
    }

    JsonObject server(String action) {
      // a stop reads what the kernel holds and waits for the monitor's acknowledgements: longer than a CLI's 15 s
      return nodes.connection().request(Addresses.role(Role.SERVER), action, new JsonObject(), DEADLINE, "no server node");
    }
  }
}
