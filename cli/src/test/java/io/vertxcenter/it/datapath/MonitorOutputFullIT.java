package io.vertxcenter.it.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.NumberedLines;
import io.vertxcenter.it.ShownLines;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.it.TmpfsMount;
import io.vertxcenter.monitor.PrintMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A monitor whose console is a file on a full disk (a 512 KiB {@link TmpfsMount}): it acknowledges nothing it could not write, is degraded with the reason, logs it once, and
 * once space returns writes every line, none lost.
 */
class MonitorOutputFullIT {
  private static final int RATE = 1_000;
  private static final Duration DELIVERY = Duration.ofSeconds(60);

  @Test
  @DisplayName("the monitor's output on a full disk: no acknowledgement, degraded with the reason, one log line; space back: every line written, ready")
  void fullDiskIsBackPressure() throws Exception {
    Path mount = Files.createTempDirectory("monitor-output");
    try (TmpfsMount disk = new TmpfsMount(mount, "size=512k"); TestCluster nodes = TestCluster.withServer()) {
      Path console = mount.resolve("console.txt");
      NodeProcess monitor = nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.ALL).startWritingTo(console.toFile()).awaitReady();
      Path filler = mount.resolve("filler");
      try (NumberedLines lines = new NumberedLines(nodes.serverPort(), RATE)) {
        TestCluster.await("lines at the monitor", nodes::monitorStatus, status -> status.getLong("messages") > RATE, DELIVERY);
        TmpfsMount.fill(filler);
        JsonObject degraded = TestCluster.await("the monitor degraded", nodes::monitorStatus,
            status -> "degraded".equals(status.getString("state")), DELIVERY);
        JsonObject full = nodes.serverStatus();
        TestCluster.await("refused batches held and sent again, none acknowledged, while the disk is full", nodes::serverStatus,
            status -> status.getLong("resent") > full.getLong("resent") && status.getLong("acked").equals(full.getLong("acked")),
            DELIVERY);
        Files.delete(filler);
        long sent = lines.stop();

        JsonObject ready = TestCluster.await("every line acknowledged", nodes::serverStatus,
            status -> status.getLong("acked") == sent, DELIVERY);
        JsonObject after = nodes.monitorStatus();
        ShownLines shown = new ShownLines(sent, Stream.of(Files.readString(console)));
        System.out.printf("monitor output on a full disk: %s; reason: %s; monitor %s; server %s%n",
            shown, degraded.getString("reason"), after.encode(), ready.encode());
        assertTrue(degraded.getString("reason").startsWith("the monitor cannot write its standard output (No space left on device)"),
            degraded.getString("reason"));
        shown.assertOnceEach();
        assertEquals("ready", after.getString("state"), after.encode());
        assertTrue(after.getLong("failedWrites") > 0, after.encode());
        assertEquals(1, monitor.output().lines().filter(line -> line.contains("cannot write its standard output")).count(),
            "logged once:\n" + monitor.output());
        monitor.awaitLine(line -> line.contains("the monitor writes its standard output again"), DELIVERY);
      }
    }
  }
}
