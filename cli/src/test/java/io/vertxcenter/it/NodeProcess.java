package io.vertxcenter.it;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.TestPorts;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Test support: the built {@code center.jar} run as a separate JVM (a real cluster node, or a CLI
 * command), with its output captured line by line so tests can await what it prints.
 */
public final class NodeProcess implements AutoCloseable {
  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern READY_LINE = Pattern.compile("node \\S+ ready in \\d+ ms");
  /**
   * The cluster token of every node and CLI these tests start ({@code CENTER_TOKEN}), unless a test
   * gives its own {@code CENTER_TOKEN} entry (an empty one: none).
   */
  public static final ClusterToken TOKEN = ClusterToken.of("it-" + UUID.randomUUID());

  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  /** What is captured: its standard output, or its standard error when the output goes to a file. */
  private final InputStream captured;

  private NodeProcess(String name, Process process, InputStream captured) {
    this.name = name;
    this.process = process;
    this.captured = captured;
    Thread pump = new Thread(this::pump, "output-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  /** The jar the build produced (failsafe passes its path as the {@code center.jar} property). */
  public static String jar() {
    String jar = System.getProperty("center.jar");
    if (jar == null) {
      throw new IllegalStateException("system property center.jar is not set: run the integration tests with 'mvn verify'");
    }
    return jar;
  }

  /** Starts {@code java -jar center.jar ARGS…}. */
  public static NodeProcess start(String name, List<String> args) {
    return start(name, args, List.of());
  }

  /** Starts {@code java -jar center.jar ARGS…} with {@code KEY=VALUE} environment entries. */
  public static NodeProcess start(String name, List<String> args, List<String> env) {
    try {
      Process process = builder(args, env).redirectErrorStream(true).start();
      return new NodeProcess(name, process, process.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code java -jar center.jar ARGS…} with its standard output appended to the file
   * {@code stdout} (a monitor's console); {@link #output()} is then what it logs on standard error.
   */
  public static NodeProcess startWritingTo(String name, List<String> args, File stdout) {
    try {
      Process process = builder(args, List.of()).redirectOutput(ProcessBuilder.Redirect.appendTo(stdout)).start();
      return new NodeProcess(name, process, process.getErrorStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ProcessBuilder builder(List<String> args, List<String> env) {
    // env resets SIGINT to its default before it runs java: a child of a background job of a
    // non-interactive shell inherits SIGINT ignored, and a JVM started so never stops on Ctrl-C
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
        javaBinary(), "-Xss512k", "-XX:+UseSerialGC", "-jar", jar()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put(ClusterToken.ENV, TOKEN.value());
    for (String entry : env) {
      int eq = entry.indexOf('=');
      builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return builder;
  }

  /** Runs a one-shot CLI command to its end. */
  public static Result run(List<String> args, Duration timeout) {
    return run(args, List.of(), timeout);
  }

  /** Runs a one-shot CLI command to its end, with {@code KEY=VALUE} environment entries. */
  public static Result run(List<String> args, List<String> env, Duration timeout) {
    try (NodeProcess cli = start("cli", args, env)) {
      if (!cli.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("'center " + String.join(" ", args) + "' did not finish within " + timeout + ":\n" + cli.output());
      }
      cli.drained();
      return new Result(cli.process.exitValue(), cli.output());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A finished command: its exit status and everything it printed (stdout and stderr). */
  public record Result(int exitCode, String output) {
    public JsonObject json() {
      int start = output.indexOf('{');
      if (start < 0) {
        throw new AssertionError("no JSON in the output:\n" + output);
      }
      return new JsonObject(output.substring(start));
    }
  }

  /**
   * The first of {@code count} consecutive ports that are all free now, for {@code center up}, which
   * gives its nodes consecutive bridge and cluster ports; outside Linux's ephemeral range
   * ({@link TestPorts#freeRange}).
   */
  public static int freePortRange(int count) {
    return TestPorts.freeRange(count);
  }

  /**
   * {@code center up}'s port flags: {@code --bridge-port bridgePort}, and {@code --cluster-port} and
   * {@code --http-port} each the first of {@code count} free consecutive ports (up gives its nodes
   * consecutive ports from each): no node of a test's {@code up} on a default port (5701, 8080),
   * which another {@code up} on the machine may take while a killed node is restarted.
   */
  public static List<String> upPortFlags(int bridgePort, int count) {
    return List.of("--bridge-port", String.valueOf(bridgePort), "--cluster-port", String.valueOf(freePortRange(count)),
        "--http-port", String.valueOf(freePortRange(count)), "--ack-port", String.valueOf(freePort()));
  }

  /** A port free now, outside Linux's ephemeral range, for a node to bind ({@link TestPorts#free}). */
  public static int freePort() {
    return TestPorts.free();
  }

  /**
   * Sends signal {@code name} ({@code INT}, {@code TERM}, {@code STOP}, {@code CONT}, {@code KILL})
   * with {@code kill}; an AssertionError when it fails or takes over 10 s.
   */
  public void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        kill.destroyForcibly();
        throw new AssertionError("kill -" + name + " " + pid() + " (" + this.name + ") failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Waits for the process to exit and returns its exit status; an AssertionError with its output
   * when it is still running after {@code timeout} ({@code waiting} says what the exit stands for).
   */
  public int awaitExit(String waiting, Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + ": " + waiting + " not within " + timeout + ":\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    drained();
    return process.exitValue();
  }

  /** Whether the process ignores SIGINT (bit 2 of {@code SigIgn} in {@code /proc/PID/status}); false off Linux. */
  public boolean ignoresSigint() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", String.valueOf(pid()), "status")).stream()
          .filter(line -> line.startsWith("SigIgn:")).findFirst()
          .map(line -> (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0).orElse(false);
    } catch (IOException e) {
      return false;
    }
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public String output() {
    return String.join("\n", lines);
  }

  /** Waits until a printed line matches, failing with the output so far if it never does. */
  public String awaitLine(Predicate<String> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (match.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        drained();
        break;
      }
      synchronized (lines) {
        try {
          lines.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
    for (String line : lines) {
      if (match.test(line)) {
        return line;
      }
    }
    throw new AssertionError(name + ": expected line not printed within " + timeout
        + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + ":\n" + output());
  }

  /** Waits until the node logs that it is ready ({@code node <id> ready in N ms}; not "already in use"). */
  public NodeProcess awaitReady() {
    awaitLine(line -> READY_LINE.matcher(line).find(), START_TIMEOUT);
    return this;
  }

  /** Sends SIGTERM and returns the exit status; what the node prints while it stops is kept. */
  public int stop(Duration timeout) {
    process.toHandle().destroy(); // Process.destroy() would also close its output, losing the stop's lines
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM:\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /**
   * This node's registry entry in {@code status}, the result of {@code center cluster status --json}
   * (found by pid); an AssertionError when the command failed or the node is not listed.
   */
  public JsonObject entryIn(Result status) {
    if (status.exitCode() != 0) {
      throw new AssertionError("cluster status failed: " + status.output());
    }
    return TestCluster.entry(status.json(), pid());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void pump() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(captured, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        synchronized (lines) {
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended; what it printed is kept
    }
    synchronized (lines) {
      pumpDone = true;
      lines.notifyAll();
    }
  }

  private volatile boolean pumpDone;

  /**
   * Waits until all output of an exited process has been read, at most 10 s (a process it started
   * may still hold the pipe open).
   */
  private void drained() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (lines) {
      while (!pumpDone && System.nanoTime() < deadline) {
        try {
          lines.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
