package io.vertxcenter.local;

import io.vertxcenter.common.Role;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a local cluster: how they are started (each in a session of its own, so that
 * Ctrl-C in the terminal reaches only {@code center up}, which stops them in order) and how they
 * are stopped: in order, SIGTERM, a grace period, then SIGKILL.
 *
 * <p>A process is taken for one of ours only when its identity matches, as a pid alone can be
 * reused by any program once ours has exited: the pid, the start time the state file recorded
 * ({@link ProcessHandle.Info#startInstant()}), this {@code CENTER_HOME} on its command line
 * ({@link #homeFlag()}, which every JVM this class starts carries).
 */
public final class NodeProcesses {
  static final String MAIN_CLASS = "io.vertxcenter.cli.Center";
  /** The system property naming the {@code CENTER_HOME} of a process ({@link #homeFlag()}). */
  static final String HOME_PROPERTY = "center.home";
  /**
   * {@code center node --supervised}: the node stops when its standard input ends, which is a pipe
   * its supervisor holds, so a node never outlives a supervisor that was killed.
   */
  public static final String SUPERVISED_FLAG = "--supervised";

  /** What Hazelcast asks for to use its fast paths; {@code java -jar center.jar} gets them from the manifest. */
  static final List<String> HAZELCAST_JVM_FLAGS = List.of(
      "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
  private static final long EXIT_POLL_MILLIS = 20;
  /** How long a node gets to exit after SIGTERM, in seconds, before SIGKILL. */
  public static final long GRACE_SECONDS = 30;
  /**
   * The order of a planned stop: servers stop reading and deliver what they have read while the
   * monitors still run, then monitors, clients and workers.
   */
  public static final List<Role> STOP_ORDER = List.of(Role.SERVER, Role.MONITOR, Role.CLIENT, Role.WORKER);

  private NodeProcesses() {}

  /**
   * {@code java JVM-FLAGS -cp CLASSPATH io.vertxcenter.cli.Center ARGS}, with this JVM's java
   * and class path, run through {@code setsid} where there is one (a session of its own: no
   * signal from the terminal reaches it).
   */
  public static List<String> command(List<String> jvmFlags, List<String> centerArgs) {
    List<String> command = new ArrayList<>();
    setsid().ifPresent(command::add);
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add(homeFlag());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
    command.addAll(centerArgs);
    return command;
  }

  private static Optional<String> setsid() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "setsid");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /**
   * {@code -Dcenter.home=<CENTER_HOME>}: on the command line of every JVM started here, it says
   * which local cluster the process belongs to (nothing reads the property).
   */
  public static String homeFlag() {
    return "-D" + HOME_PROPERTY + "=" + LocalClusterState.home().toAbsolutePath();
  }

  /** When a process started, in ms since the epoch; 0 when the system does not say. */
  public static long startedMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  /**
   * The live process with this pid, if it is one of ours: a {@code center} JVM that started at
   * {@code startedMillis} (0: not recorded, not checked), with this {@code CENTER_HOME} on its
   * command line unless {@code anyHome} (the foreground {@code center up}, started by the user).
   */
  public static Optional<ProcessHandle> find(long pid, long startedMillis, boolean anyHome) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> startedMillis == 0 || startedMillis(handle) == startedMillis)
        .filter(handle -> commandLine(handle).map(line -> isCenter(line) && (anyHome || line.contains(homeFlag() + " ")))
            .orElse(false));
  }

  /** The node process of the state file, if it still runs: same pid, start time and home. */
  public static Optional<ProcessHandle> find(LocalClusterState.Child node) {
    return find(node.pid(), node.started(), false);
  }

  /**
   * The JVMs started for this {@code CENTER_HOME} that still run, found by their command line
   * alone: what {@code center down} stops when the state file is gone or damaged.
   */
  public static List<ProcessHandle> ofThisHome() {
    return ProcessHandle.allProcesses()
        .filter(handle -> handle.pid() != ProcessHandle.current().pid())
        .filter(handle -> commandLine(handle).map(line -> isCenter(line) && line.contains(homeFlag() + " ")).orElse(false))
        .toList();
  }

  /** Whether a process found by {@link #ofThisHome()} is a supervisor ({@code center supervise}). */
  public static boolean isSupervisor(ProcessHandle process) {
    return commandLine(process).map(line -> line.contains(" " + MAIN_CLASS + " supervise")).orElse(false);
  }

  /** A node found by {@link #ofThisHome()} as the state file would list it: roles from its command line. */
  public static LocalClusterState.Child asChild(ProcessHandle process) {
    String line = commandLine(process).orElse("");
    int at = line.indexOf(" --roles ");
    String roles = at < 0 ? "" : line.substring(at + " --roles ".length()).split(" ")[0];
    return new LocalClusterState.Child(roles.isEmpty() ? "node" : roles, roles, process.pid(), startedMillis(process), "", "");
  }

  /** The command line, with a space after it (so that a last word is matched as a word). */
  private static Optional<String> commandLine(ProcessHandle process) {
    Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
    try {
      if (Files.isReadable(cmdline)) {
        return Optional.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' '))
            .filter(line -> !line.isBlank());
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return process.info().commandLine().map(line -> line + " ");
  }

  /**
   * Whether the process still runs: alive, and not a zombie (it has exited, and waits only for its
   * parent to collect its status, which for the detached supervisor is init's job; see {@link #exited}).
   */
  public static boolean isRunning(ProcessHandle process) {
    return process.isAlive() && !isZombie(process.pid());
  }

  /** Whether the process has exited and waits for its parent to collect its status (state Z in /proc); false where unknown. */
  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isCenter(String commandLine) {
    return commandLine.contains(MAIN_CLASS) || commandLine.contains("center.jar");
  }

  /**
   * Stops the nodes in {@link #STOP_ORDER}: each group gets SIGTERM together and is waited for
   * (killed if still running after {@link #GRACE_SECONDS}) before the next group is told.
   * Prints one line per node.
   */
  public static void stopInOrder(List<LocalClusterState.Child> nodes, PrintStream out) {
    Map<Integer, List<LocalClusterState.Child>> stages = new TreeMap<>();
    for (LocalClusterState.Child node : nodes) {
      stages.computeIfAbsent(stage(node.roles()), key -> new ArrayList<>()).add(node);
    }
    stages.values().forEach(stage -> stopTogether(stage, out));
  }

  /** The place of a node in the stop order: that of its earliest role. */
  public static int stage(String roles) {
    return Role.parseList(roles).stream().mapToInt(STOP_ORDER::indexOf).min().orElse(STOP_ORDER.size());
  }

  private static void stopTogether(List<LocalClusterState.Child> nodes, PrintStream out) {
    Map<LocalClusterState.Child, Optional<ProcessHandle>> handles = new LinkedHashMap<>();
    nodes.forEach(node -> handles.put(node, find(node)));
    handles.values().forEach(handle -> handle.ifPresent(ProcessHandle::destroy));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
    handles.forEach((node, handle) -> {
      if (handle.isEmpty()) {
        out.println(node.name() + " (pid " + node.pid() + ") was not running");
      } else if (exited(handle.get(), deadline)) {
        out.println("stopped " + node.name() + " (pid " + node.pid() + ")");
      } else {
        handle.get().destroyForcibly();
        exited(handle.get(), System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS));
        out.println("killed " + node.name() + " (pid " + node.pid() + "): still running after " + GRACE_SECONDS + " s");
      }
    });
  }

  /**
   * Waits until the process has exited or the deadline ({@link System#nanoTime()}) has passed;
   * true when it has exited. Polls every {@value #EXIT_POLL_MILLIS} ms: for a process that is not
   * our child, {@link ProcessHandle#onExit()} polls too, from 300 ms growing to 5 s, which made
   * {@code center down} notice each exit up to a second late. A process that has exited but whose
   * parent has not yet collected its status (a zombie) counts as exited: the supervisor of
   * {@code up -d} is a child of init once {@code up} has returned, and an init that collects late (a
   * container's, ~1 s here) or never kept {@code down} waiting for a process that had finished.
   */
  public static boolean exited(ProcessHandle process, long deadline) {
    while (isRunning(process)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(EXIT_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !process.isAlive();
      }
    }
    return true;
  }
}
