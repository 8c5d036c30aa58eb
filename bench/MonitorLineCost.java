import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.monitor.MonitorRoleVerticle;
import io.vertxcenter.monitor.PrintMode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU the monitor role spends per line, in one JVM: a {@link MonitorRoleVerticle} (print mode
 * {@code auto}, so a summary line a second at this rate, as in the pipeline bench) consumes batches of
 * 2,048 lines of 100 bytes that a sender verticle on another event loop writes as the server does
 * (new connection/seq pairs, the receipt time of now, at most 8 batches in flight). The figure is the
 * CPU time of the monitor's event-loop thread over the lines it handled (ThreadMXBean), so the
 * sender's work is not in it; the local event bus's delivery and the reply are.
 *
 * <pre>
 *   java -cp cli/target/center.jar bench/MonitorLineCost.java [jsonShare 0..1, default 0] [rounds, default 7]
 * </pre>
 *
 * It warms up with 20,000,000 lines, then prints each round of 10,000,000 lines and their median.
 */
public class MonitorLineCost {
  static final int BATCH_LINES = 2048;
  static final int WINDOW = 8;
  static final long WARM_UP_LINES = 20_000_000;
  static final long ROUND_LINES = 10_000_000;

  public static void main(String[] args) throws Exception {
    double jsonShare = args.length > 0 ? Double.parseDouble(args[0]) : 0;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    vertx.deployVerticle(new MonitorRoleVerticle("bench-monitor", PrintMode.AUTO)).await();
    Sender sender = new Sender(jsonShare);
    vertx.deployVerticle(sender, new DeploymentOptions()).await();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    sender.send(WARM_UP_LINES).await();
    double[] nsPerLine = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      Map<Long, Long> before = loopCpu(threads);
      long started = System.nanoTime();
      sender.send(ROUND_LINES).await();
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<Long, Long> after = loopCpu(threads);
      long monitorCpu = after.entrySet().stream().filter(loop -> loop.getKey() != sender.threadId)
          .mapToLong(loop -> loop.getValue() - before.getOrDefault(loop.getKey(), 0L)).max().orElse(0);
      nsPerLine[round] = (double) monitorCpu / ROUND_LINES;
      System.err.printf("round %d: %,d lines in %.2f s, monitor thread CPU %.1f ns/line%n", round + 1, ROUND_LINES, seconds,
          nsPerLine[round]);
    }
    Arrays.sort(nsPerLine);
    System.err.printf("monitor CPU per line (JSON share %.2f): median %.1f ns (min %.1f, max %.1f) over %d rounds%n",
        jsonShare, nsPerLine[rounds / 2], nsPerLine[0], nsPerLine[rounds - 1], rounds);
    vertx.close().await();
  }

  /** CPU time in ns of every Vert.x event-loop thread, by thread id. */
  static Map<Long, Long> loopCpu(ThreadMXBean threads) {
    Map<Long, Long> cpu = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("vert.x-eventloop-thread-")) {
        cpu.put(thread.getId(), threads.getThreadCpuTime(thread.getId()));
      }
    }
    return cpu;
  }

  /** Writes batches as the server's forwarder does, on an event loop of its own. */
  static final class Sender extends VerticleBase {
    static final int CONNECTIONS = 4;
    final byte[] string = line("abcdefghij".repeat(10));
    final byte[] json = line("JSON|{\"type\":\"reading\",\"value\":42,\"tags\":[\"a\",\"b\"],\"ok\":true,\"note\":\""
        + "x".repeat(29) + "\"}");
    final double jsonShare;
    volatile long threadId;
    final long[] seqs = new long[CONNECTIONS];
    double jsonCredit;
    long toSend;
    long inFlight;
    Promise<Void> done;

    Sender(double jsonShare) {
      this.jsonShare = jsonShare;
    }

    static byte[] line(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (bytes.length != 100) {
        throw new IllegalStateException("a bench line is 100 bytes, not " + bytes.length);
      }
      return bytes;
    }

    @Override
    public Future<?> start() {
      threadId = Thread.currentThread().getId();
      return Future.succeededFuture();
    }

    Future<Void> send(long lines) {
      Promise<Void> finished = Promise.promise();
      context.runOnContext(v -> {
        done = finished;
        toSend = lines;
        fill();
      });
      return finished.future();
    }

    void fill() {
      while (inFlight < WINDOW && toSend > 0) {
        inFlight++;
        toSend -= BATCH_LINES;
        vertx.eventBus().request(Addresses.DATA, batch()).onComplete(reply -> {
          inFlight--;
          if (reply.failed()) {
            done.tryFail(reply.cause());
          } else if (toSend <= 0 && inFlight == 0) {
            done.tryComplete();
          } else {
            fill();
          }
        });
      }
    }

    /** 2,048 new lines, each connection's numbered on from its last, the JSON share spread evenly, received now. */
    Buffer batch() {
      DataBatch.Writer writer = new DataBatch.Writer(BATCH_LINES * 130);
      long now = DataBatch.nowMicros();
      for (int i = 0; i < BATCH_LINES; i++) {
        int connection = i % CONNECTIONS;
        jsonCredit += jsonShare;
        byte[] text = string;
        if (jsonCredit >= 1) {
          jsonCredit -= 1;
          text = json;
        }
        writer.add(CONNECTION_IDS[connection], ++seqs[connection], now, text, 0, text.length);
      }
      return writer.finish();
    }

    static final String[] CONNECTION_IDS = {"bench-1", "bench-2", "bench-3", "bench-4"};
  }
}
