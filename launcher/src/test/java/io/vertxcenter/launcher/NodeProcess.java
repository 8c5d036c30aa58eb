package io.vertxcenter.launcher;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ClusterToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

  private NodeProcess(String name, Process process) {
    this.name = name;
    this.process = process;
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
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xss512k", "-XX:+UseSerialGC", "-jar", jar()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(ClusterToken.ENV, TOKEN.value());
    for (String entry : env) {
      int eq = entry.indexOf('=');
      builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    try {
      return new NodeProcess(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
   * gives its nodes consecutive bridge and cluster ports. Taken from 20000-31999, below Linux's
   * ephemeral range (32768-60999), where {@link #freePort()}'s ports and every outbound connection's
   * come from: a port next to an ephemeral one may be taken by a connection at any moment.
   */
  public static int freePortRange(int count) {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int base = 20_000 + random.nextInt(12_000 - count);
      if (java.util.stream.IntStream.range(base, base + count).allMatch(NodeProcess::bindable)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports in 20000-31999");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** Sends signal {@code name} ({@code STOP}, {@code CONT}, {@code KILL}) to this JVM with {@code kill}, within 10 s. */
  public void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
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
    return status.json().getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(entry -> entry.getLong("pid") == pid()).findFirst()
        .orElseThrow(() -> new AssertionError("node " + pid() + " not listed: " + status.output()));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void pump() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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

  /** Waits until all output of an exited process has been read. */
  private void drained() {
    synchronized (lines) {
      while (!pumpDone) {
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
