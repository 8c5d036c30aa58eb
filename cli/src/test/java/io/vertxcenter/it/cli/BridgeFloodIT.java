package io.vertxcenter.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.it.BridgeSocket;
import io.vertxcenter.it.LineSocket;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One token holder floods a node's CLI bridge with fire-and-forget sends and publishes to the
 * monitor while numbered lines flow through server to monitor: every frame kind is paced, so the
 * monitor's memory stays bounded, its status answers, and the data path loses nothing.
 */
class BridgeFloodIT {
  private static final Duration FLOOD = Duration.ofSeconds(12);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final long MAX_GROWTH_KB = 64 * 1024;
  private static final long MAX_STATUS_MS = 2_000;
  private static final long MAX_PAUSED_MS = 2_000;
  private static final int LINES = 2_400;
  private static final Duration WARM_UP = Duration.ofSeconds(4);

  @Test
  @DisplayName("a 4+12 s flood of sends without reply and publishes: monitor RSS +<64 MiB in the 12 s, its status in <2 s, every line arrives, no resend")
  void floodIsPaced() throws Exception {
    try (TestCluster nodes = TestCluster.withServer()) {
      NodeProcess monitor = nodes.node("monitor", Role.MONITOR).withPrint(PrintMode.NONE).start().awaitReady();
      nodes.awaitNodes(2, TIMEOUT);
      try (ClusterConnection cli = ClusterConnection.open(List.of(nodes.bridge()), NodeProcess.TOKEN);
          LineSocket client = LineSocket.greeted(nodes.serverPort())) {
        // the first seconds of the flood warm the monitor's JVM up (its initial heap touched, the paths compiled),
        // so that the growth measured after them is what the flood costs: a queue without bound shows as it did,
        // +790 MiB in 12 s
        long pausedBefore = nodes.serverStatus().getLong("pausedMs");
        Flooder flooder = new Flooder(nodes.bridge());
        flooder.start();
        long measuredFrom = System.nanoTime() + WARM_UP.toNanos();
        long end = measuredFrom + FLOOD.toNanos();
        long rssBefore = -1;
        long maxRss = 0;
        long slowestStatusMs = 0;
        int sent = 0;
        while (System.nanoTime() < end) {
          for (int i = 0; i < LINES / 80 && sent < LINES; i++) {
            client.send("line " + sent++ + "\n");
          }
          long asked = System.nanoTime();
          monitorStatus(cli);
          slowestStatusMs = Math.max(slowestStatusMs, (System.nanoTime() - asked) / 1_000_000);
          if (rssBefore < 0 && System.nanoTime() >= measuredFrom) {
            rssBefore = rssKb(monitor.pid());
          }
          maxRss = Math.max(maxRss, rssBefore < 0 ? 0 : rssKb(monitor.pid()));
          LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        long frames = flooder.stop();
        maxRss = Math.max(maxRss, rssKb(monitor.pid()));
        while (sent < LINES) {
          client.send("line " + sent++ + "\n");
        }

        int lines = sent;
        TestCluster.await(lines + " lines at the monitor", () -> monitorStatus(cli),
            status -> status.getLong("messages") >= lines, TIMEOUT);
        JsonObject monitorStatus = monitorStatus(cli);
        JsonObject server = nodes.serverStatus();
        long growthKb = maxRss - rssBefore;
        System.out.printf("flood: %d frames in %s + %s; monitor RSS %d -> max %d KiB (+%d KiB); slowest monitor status %d ms;"
                + " server paused %d ms, resent %d%n", frames, WARM_UP, FLOOD, rssBefore, maxRss, growthKb, slowestStatusMs,
            server.getLong("pausedMs") - pausedBefore, server.getLong("resent"));
        assertTrue(frames > 1_000, "the flooder wrote only " + frames + " frames");
        assertEquals(lines, monitorStatus.getLong("messages"), "every line once: " + monitorStatus.encode());
        assertEquals(0, server.getLong("resent"), "no batch resent: " + server.encode());
        assertTrue(growthKb < MAX_GROWTH_KB, "monitor RSS grew " + growthKb + " KiB");
        assertTrue(slowestStatusMs < MAX_STATUS_MS, "monitor status took " + slowestStatusMs + " ms during the flood");
        assertTrue(server.getLong("pausedMs") - pausedBefore < MAX_PAUSED_MS, "TCP clients paused: " + server.encode());
      }
    }
  }

  private static JsonObject monitorStatus(ClusterConnection cli) {
    return cli.request(Addresses.role(Role.MONITOR), "status", new JsonObject(), "no monitor");
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new AssertionError("no VmRSS for pid " + pid);
  }

  /** One bridge connection writing send-without-reply and publish frames to the monitor as fast as it can, reading what comes back. */
  private static final class Flooder {
    private final BridgeSocket connection;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    Flooder(String bridge) throws IOException {
      connection = new BridgeSocket(Integer.parseInt(bridge.substring(bridge.lastIndexOf(':') + 1)));
    }

    void start() {
      for (Runnable task : List.<Runnable>of(this::write, this::read)) {
        Thread thread = new Thread(task, "flooder");
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
    }

    /** Stops writing, closes the connection; the frames written. */
    long stop() throws Exception {
      running.set(false);
      connection.close();
      for (Thread thread : threads) {
        thread.join(TIMEOUT.toMillis());
      }
      return written.get();
    }

    private void write() {
      JsonObject status = new JsonObject().put("action", "status");
      JsonObject headers = new JsonObject().put("token", NodeProcess.TOKEN.value());
      byte[] send = BridgeSocket.frame(new JsonObject().put("type", "send").put("address", "center.monitor").put("headers", headers).put("body", status));
      byte[] publish = BridgeSocket.frame(new JsonObject().put("type", "publish").put("address", "center.monitor").put("headers", headers).put("body", status));
      ByteBuffer batch = ByteBuffer.allocate(100 * (send.length + publish.length));
      for (int i = 0; i < 100; i++) {
        batch.put(send).put(publish);
      }
      try {
        OutputStream out = connection.output();
        while (running.get()) {
          out.write(batch.array());
          written.addAndGet(200);
        }
      } catch (IOException closed) {
        if (running.get()) {
          throw new UncheckedIOException(closed);
        }
      }
    }

    private void read() {
      byte[] discard = new byte[64 * 1024];
      try {
        InputStream in = connection.input();
        while (in.read(discard) >= 0) {
          // what the bridge answers (the publishes' errors) is not what this test looks at
        }
      } catch (IOException closed) {
        // stop() closed the socket
      }
    }
  }
}
