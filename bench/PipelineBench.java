import io.vertx.core.json.JsonObject;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.cli.ClusterTarget;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The pipeline benchmark behind {@code bench/pipeline.sh}: three node JVMs (server, monitor, client)
 * in one cluster on this machine, driven over the server node's CLI bridge. Prints throughput
 * delivered to the monitor, latency at a steady rate, and the server's memory while no monitor runs.
 */
public class PipelineBench {
  static final String JAR = System.getProperty("center.jar");
  static final Path LOGS = Path.of(System.getProperty("bench.logs"));
  static final int BRIDGE = Integer.getInteger("bench.bridgePort");
  static final int SERVER = Integer.getInteger("bench.serverPort");
  static final int CLUSTER = Integer.getInteger("bench.clusterPort");
  static final long COUNT = Long.getLong("bench.count", 5_000_000);
  static final long WARM_UP_COUNT = Long.getLong("bench.warmUpCount", 10_000_000);
  static final int RUNS = Integer.getInteger("bench.runs", 3);
  static final int STEADY_RATE = Integer.getInteger("bench.steadyRate", 5_000);
  static final long OUTAGE_COUNT = Long.getLong("bench.outageCount", 1_000_000);
  static final String JVM_FLAGS = System.getProperty("bench.jvmFlags", "");
  static final int HTTP = Integer.getInteger("bench.httpPort", 0);
  /** Key material for event-bus TLS between the nodes, or empty for a plain event bus. */
  static final String TLS_DIR = System.getProperty("bench.tlsDir", "");
  /** Only the throughput runs, no latency nor memory part ({@code bench/durability.sh}). */
  static final boolean THROUGHPUT_ONLY = Boolean.getBoolean("bench.throughputOnly");
  static final String CLUSTER_NAME = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  static final List<Process> processes = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroy)));
    Process server = node("server", "--bridge-port", String.valueOf(BRIDGE), "--server-port", String.valueOf(SERVER));
    Process monitor = node("monitor");
    Process client = node("client");
    System.out.println(TLS_DIR.isBlank() ? "event bus: plain" : "event bus: mutual TLS (" + TLS_DIR + ")");
    // the server node made the cluster token in $CENTER_HOME/token if none was given
    try (ClusterConnection cluster = ClusterConnection.open(List.of("127.0.0.1:" + BRIDGE), ClusterTarget.token(null))) {
      List<Process> jvms = List.of(client, server, monitor);
      throughput(cluster, WARM_UP_COUNT, jvms);
      System.out.println("  (cold run: the JIT still compiles the data path; not in the median)");
      double[] rates = new double[RUNS];
      for (int run = 0; run < RUNS; run++) {
        rates[run] = throughput(cluster, COUNT, jvms);
      }
      Arrays.sort(rates);
      System.out.printf("throughput median of %d runs: %,.0f msg/s (min %,.0f, max %,.0f)%n",
          RUNS, rates[RUNS / 2], rates[0], rates[RUNS - 1]);
      if (!THROUGHPUT_ONLY) {
        latency(cluster);
        memory(cluster, server, monitor);
      }
    }
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      process.waitFor();
    }
  }

  /**
   * The client sends {@code count} lines as fast as it can: prints the lines delivered to the monitor
   * per second, from start to the last one, and the CPU each JVM used per line; returns the rate.
   */
  static double throughput(ClusterConnection cluster, long count, List<Process> jvms) {
    long before = monitor(cluster).getLong("messages");
    JsonObject serverBefore = server(cluster);
    double[] cpuBefore = jvms.stream().mapToDouble(PipelineBench::cpuSeconds).toArray();
    long started = System.nanoTime();
    client(cluster, "start", new JsonObject().put("port", SERVER).put("connections", 4).put("rate", 0)
        .put("count", count).put("jsonShare", 0.5).put("size", 100));
    JsonObject done = await(() -> monitor(cluster), status -> status.getLong("messages") >= before + count, 600);
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] cpuAfter = jvms.stream().mapToDouble(PipelineBench::cpuSeconds).toArray();
    JsonObject server = server(cluster);
    double rate = count / seconds;
    System.out.printf("throughput: %,d lines (100 bytes, half JSON, 4 connections) delivered in %.2f s = %,.0f msg/s;"
            + " monitor duplicates %d, server resent %d, server paused %.1f s;"
            + " CPU per line: client %.2f us, server %.2f us, monitor %.2f us%n",
        done.getLong("messages") - before, seconds, rate, done.getLong("duplicates"),
        server.getLong("resent") - serverBefore.getLong("resent"),
        (server.getLong("pausedMs") - serverBefore.getLong("pausedMs")) / 1000.0,
        microsPerLine(cpuBefore[0], cpuAfter[0], count), microsPerLine(cpuBefore[1], cpuAfter[1], count),
        microsPerLine(cpuBefore[2], cpuAfter[2], count));
    await(() -> client(cluster, "status", new JsonObject()), status -> !status.getBoolean("running"), 60);
    return rate;
  }

  static double microsPerLine(double cpuBefore, double cpuAfter, long lines) {
    return (cpuAfter - cpuBefore) * 1e6 / lines;
  }

  /** A steady rate for 20 s; the monitor's percentiles cover its last 5-10 s. */
  static void latency(ClusterConnection cluster) throws InterruptedException {
    client(cluster, "start", new JsonObject().put("port", SERVER).put("connections", 1).put("rate", STEADY_RATE)
        .put("duration", 20).put("jsonShare", 0.5).put("size", 100));
    Thread.sleep(18_000); // the benchmark's steady phase, not a wait for a condition
    JsonObject status = monitor(cluster);
    System.out.printf("latency at %,d msg/s (server receipt -> monitor): p50 %s ms, p99 %s ms (monitor rate %d msg/s)%n",
        STEADY_RATE, status.getValue("latencyP50Ms"), status.getValue("latencyP99Ms"), status.getLong("ratePerSec"));
    await(() -> client(cluster, "status", new JsonObject()), s -> !s.getBoolean("running"), 60);
  }

  /** Monitor stopped, the client sends 1,000,000 lines: the server's RSS while held back, then all delivered to a new monitor. */
  static void memory(ClusterConnection cluster, Process server, Process monitor) throws Exception {
    monitor.destroy();
    monitor.waitFor();
    long baseline = rssMb(server);
    long received = server(cluster).getLong("received");
    client(cluster, "start", new JsonObject().put("port", SERVER).put("connections", 4).put("rate", 0)
        .put("count", OUTAGE_COUNT).put("jsonShare", 0.5).put("size", 100));
    long peak = baseline;
    for (int i = 0; i < 30; i++) {
      Thread.sleep(500); // sampling the server's memory while no monitor runs
      peak = Math.max(peak, rssMb(server));
    }
    JsonObject held = server(cluster);
    JsonObject client = client(cluster, "status", new JsonObject());
    System.out.printf("no monitor for 15 s: client sent %,d of %,d (TCP pushing back), server received %,d and holds %,d;"
            + " server RSS %d MB -> peak %d MB (+%d MB)%n",
        client.getLong("sent"), OUTAGE_COUNT, held.getLong("received") - received, held.getLong("pending"),
        baseline, peak, peak - baseline);
    long started = System.nanoTime();
    node("monitor");
    JsonObject after = await(() -> monitor(cluster), s -> s.getLong("messages") >= OUTAGE_COUNT, 600);
    peak = Math.max(peak, rssMb(server));
    System.out.printf("new monitor: %,d messages (%d duplicates) delivered %.1f s after it was started; server RSS peak %d MB (+%d MB)%n",
        after.getLong("messages"), after.getLong("duplicates"), (System.nanoTime() - started) / 1e9, peak, peak - baseline);
  }

  static JsonObject server(ClusterConnection cluster) {
    return cluster.request(Addresses.role(Role.SERVER), "status", new JsonObject(), "no server");
  }

  static JsonObject monitor(ClusterConnection cluster) {
    return cluster.request(Addresses.role(Role.MONITOR), "status", new JsonObject(), "no monitor");
  }

  static JsonObject client(ClusterConnection cluster, String action, JsonObject args) {
    return cluster.request(Addresses.role(Role.CLIENT), action, args, "no client");
  }

  static JsonObject await(java.util.function.Supplier<JsonObject> status, Predicate<JsonObject> done, int seconds)
      throws RuntimeException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    JsonObject last;
    do {
      last = status.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException("not reached within " + seconds + " s: " + last.encode());
  }

  /** User plus system CPU time of a process so far, from /proc (Linux). */
  static double cpuSeconds(Process process) {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static long rssMb(Process process) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + process.pid());
  }

  /** Starts a node JVM and waits until it is ready. */
  static Process node(String role, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    if (!JVM_FLAGS.isBlank()) {
      command.addAll(List.of(JVM_FLAGS.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", JAR, "node", "--roles", role, "--cluster-name", CLUSTER_NAME,
        "--members", "127.0.0.1:" + CLUSTER, "--cluster-port", String.valueOf(CLUSTER)));
    command.addAll(List.of(extra));
    if (HTTP > 0) { // HTTP and metrics on: each node on its own port from HTTP on
      command.addAll(List.of("--http-port", String.valueOf(HTTP + processes.size())));
    }
    if (!TLS_DIR.isBlank()) {
      command.addAll(List.of("--tls-dir", TLS_DIR));
    }
    File log = LOGS.resolve(role + "-" + processes.size() + ".log").toFile();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    processes.add(process);
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!Files.readString(log.toPath()).contains("ready in")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(role + " node did not become ready; see " + log);
      }
      Thread.sleep(200);
    }
    return process;
  }
}
