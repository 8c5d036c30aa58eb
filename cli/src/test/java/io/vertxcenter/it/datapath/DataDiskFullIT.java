package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.AckTally;
import io.vertxcenter.it.AckWriter;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.NumberedLines;
import io.vertxcenter.it.ShownLines;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.it.TmpfsMount;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.LogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's data dir on a disk that fills before the log's bound (a 1 MiB {@link TmpfsMount},
 * {@code --data-max-bytes} 64 MiB: the bound cannot catch it). Four ack-port clients write numbered
 * lines at full speed. First the log itself fills the disk (no monitor acknowledges): the server
 * acknowledges nothing it could not write, is {@code degraded} naming the dir and the disk error,
 * stops reading and drops nothing; once a monitor starts it gives the acknowledged segments' space
 * back and resumes by itself, and the clients finish. Then something else fills the disk (a ballast
 * file) while a second server node feeds the monitor and a new client writes to the first: the
 * second keeps working, the first is degraded again, and resumes once the ballast is deleted. In the end, counted from outside: every acknowledged line shown, none
 * twice unmarked; every line of the second server shown once.
 */
class DataDiskFullIT {
  private static final int CONNECTIONS = 4;
  private static final String DISK = "size=1m";
  private static final long BOUND = 64L << 20;
  private static final int OTHER_RATE = 1_000;
  /** How long reads and acknowledgements must stand still to count as stopped. */
  private static final Duration STILL = Duration.ofSeconds(1);
  private static final Duration DEADLINE = Duration.ofSeconds(40);

  @TempDir
  Path dir;

  @Test
  @DisplayName("the server's data dir fills before --data-max-bytes: nothing acknowledged unwritten, degraded with the disk's error,"
      + " reads stopped, nothing dropped, other nodes work; space back: resumed by itself, every acknowledged line shown once")
  void fullDataDiskIsBackPressure() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("disk"));
    int otherPort = NodeProcess.freePort();
    List<AckWriter> writers = new ArrayList<>();
    try (TmpfsMount mount = new TmpfsMount(disk, DISK); TestCluster nodes = new TestCluster()) {
      TestCluster.Node first = nodes.node("server", Role.SERVER).withBridge().withAckPort()
          .withLog(new LogSettings(disk, Durability.WRITE, BOUND));
      int ackPort = first.ackPort();
      long server = first.start().awaitReady().pid();
      long other = nodes.node("other server", Role.SERVER).withServerPort(otherPort)
          .withDataDir(Files.createDirectories(dir.resolve("other-data"))).start().awaitReady().pid();
      for (int c = 1; c <= CONNECTIONS; c++) {
        writers.add(new AckWriter(ackPort, c));
      }

      // 1. the log fills its disk: no monitor acknowledges
      JsonObject full = awaitDiskFull(nodes, server, disk);
      JsonObject still = awaitStill(nodes, server, writers);
      long ackedWhileFull = acknowledged(writers);
      System.out.println("disk filled by the log: " + full.encode() + "; standing still: " + still.encode()
          + "; acknowledged to clients " + ackedWhileFull);
      assertTrue(full.getString("reason").contains("No space left on device"), full.encode());
      assertTrue(still.getJsonObject("log").getLong("bytes") <= (1L << 20), "the disk, not the bound, stopped it: " + still.encode());
      assertTrue(still.getBoolean("paused"), still.encode());
      assertEquals(0, still.getLong("dropped"), still.encode());
      assertTrue(ackedWhileFull < still.getLong("received"), "lines read but not written are not acknowledged: " + still.encode());

      // 2. a monitor acknowledges: the log's own segments are deleted, and the server resumes by itself
      Path console = dir.resolve("console.txt");
      nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL).startWritingTo(console.toFile()).awaitReady();
      JsonObject resumed = TestCluster.await("the server reading again", () -> status(nodes, server),
          status -> status.getLong("received") > still.getLong("received"), DEADLINE);
      Eventually.await("acknowledgements past those of the full disk", () -> acknowledged(writers),
          acked -> acked > ackedWhileFull, DEADLINE);
      finish(writers); // the load ends, so that what the small disk lets through bounds the test's time, not the load

      // 3. something else fills the disk while the other server feeds the monitor; a new client of the first server
      try (NumberedLines otherLines = new NumberedLines(otherPort, OTHER_RATE)) {
        Path ballast = disk.resolve("ballast");
        TmpfsMount.fill(ballast);
        // one client is enough to meet the full disk; its kernel buffers are what the small disk must drain after
        List<AckWriter> more = List.of(new AckWriter(ackPort, CONNECTIONS + 1));
        JsonObject fullAgain = awaitDiskFull(nodes, server, disk);
        for (AckWriter writer : more) {
          writer.finish(1); // stop writing now (what they wrote is the load of this phase); the last ACKs are awaited below
        }
        long otherAcked = status(nodes, other).getLong("acked");
        JsonObject otherWorking = TestCluster.await("the other server's lines acknowledged by the monitor meanwhile",
            () -> status(nodes, other), status -> status.getLong("acked") >= otherAcked + OTHER_RATE, DEADLINE);
        Files.delete(ballast);
        finish(more);
        writers.addAll(more);
        long otherSent = otherLines.stop();

        AckTally tally = AckTally.awaitShown(writers, List.of(console), DEADLINE);
        JsonObject otherDone = TestCluster.await("every line of the other server acknowledged", () -> status(nodes, other),
            status -> status.getLong("acked") == otherSent, DEADLINE);
        ShownLines otherShown = new ShownLines(otherSent, Stream.of(Files.readString(console)));
        JsonObject end = TestCluster.await("every line the server read delivered, the server ready", () -> status(nodes, server),
            status -> status.getLong("acked").equals(status.getLong("received")) && "ready".equals(status.getString("state")),
            DEADLINE);
        long logged = nodes.node("server").process().output().lines().filter(line -> line.contains("cannot write the data log")).count();
        System.out.printf("full data disk: %s; other server: %s; resumed: %s; full again (ballast): %s; other server meanwhile: %s;"
                + " end: %s; other server at the end: %s; 'cannot write the data log' logged %d times%n",
            tally, otherShown, resumed.encode(), fullAgain.getString("reason"), otherWorking.encode(),
            end.encode(), otherDone.encode(), logged);
        assertEquals(0, tally.lost, tally.toString());
        assertEquals(0, tally.shownTwice, tally.toString());
        assertEquals(tally.attempted, tally.acknowledged, "every client finished: all its lines acknowledged " + tally);
        otherShown.assertOnceEach();
        assertEquals(0, end.getLong("dropped"), end.encode());
      }
    }
  }

  /** Ends the writers' load, all at once: each half-closes and waits (until the deadline) for its last ACK. */
  private static void finish(List<AckWriter> writers) throws Exception {
    List<CompletableFuture<Void>> finished = new ArrayList<>();
    for (AckWriter writer : writers) {
      finished.add(CompletableFuture.runAsync(() -> {
        try {
          writer.finish(DEADLINE.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).get(DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
  }

  /** Waits until the server is degraded because its data log in {@code disk} cannot be written. */
  private static JsonObject awaitDiskFull(TestCluster nodes, long server, Path disk) {
    return TestCluster.await("the server degraded by its full data disk", () -> status(nodes, server),
        status -> "degraded".equals(status.getString("state"))
            && status.getString("reason", "").startsWith("cannot write the data log in " + disk + " (No space left on device)"),
        DEADLINE);
  }

  /**
   * Waits until the server has read nothing and acknowledged nothing to the clients for {@link #STILL},
   * and returns its status then.
   */
  private static JsonObject awaitStill(TestCluster nodes, long server, List<AckWriter> writers) {
    long[] since = {0, -1, -1}; // when the figures last changed (nanoTime), and they: received, acknowledged
    return TestCluster.await("reads and acknowledgements stopped for " + STILL, () -> {
      JsonObject status = status(nodes, server);
      long received = status.getLong("received");
      long acked = acknowledged(writers);
      if (received != since[1] || acked != since[2]) {
        since[0] = System.nanoTime();
        since[1] = received;
        since[2] = acked;
      }
      return status.put("stillMs", (System.nanoTime() - since[0]) / 1_000_000);
    }, status -> status.getLong("stillMs") >= STILL.toMillis(), DEADLINE);
  }

  private static JsonObject status(TestCluster nodes, long pid) {
    return nodes.request(pid, Role.SERVER, "status", new JsonObject());
  }

  private static long acknowledged(List<AckWriter> writers) {
    return writers.stream().mapToLong(AckWriter::acknowledged).sum();
  }
}
