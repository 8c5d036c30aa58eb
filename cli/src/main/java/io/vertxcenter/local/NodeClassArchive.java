package io.vertxcenter.local;

import io.vertxcenter.connect.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The class archive of the node JVMs, kept next to the fat jar, one per JVM build: on JDK 25 and
 * later an AOT cache (JEP 483/514/515: classes loaded and linked, method profiles), before that a
 * dynamic class-data-sharing archive (AppCDS). With it a node loads Hazelcast's, Vert.x's and
 * Netty's classes mapped from the archive instead of parsing and verifying them from the jar, and
 * starts on a fraction of the CPU (bench/README.md, "Local cluster").
 *
 * <p>It is made by {@link #make}: one training node with every role starts alone on free ports,
 * answers one {@code GET /ready} (as a container's health check asks it), and the JVM writes the
 * archive when the node exits. {@code center up} makes it before it starts
 * any node when it is missing or older than the jar (a new build); {@code bin/center} right after it
 * builds the jar, the compose image when it is built. A JVM that cannot use it runs as if there were
 * none; the JDK's archive messages are kept out of the node output.
 */
public final class NodeClassArchive {
  /** Roles of the training node: every role, so that every role's classes are in the archive. */
  private static final String TRAINING_ROLES = "server,monitor,client,worker";
  private static final long TRAINING_TIMEOUT_SECONDS = 120;
  private static final int READY_REQUEST_TIMEOUT_MS = 10_000;

  private final Path jar;
  private final Path archive;
  private final boolean aotCache;

  private NodeClassArchive(Path jar, int javaFeature, String jvmBuild) {
    this.jar = jar;
    this.aotCache = javaFeature >= 25;
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    // one archive per JVM build: a JVM refuses an archive another build wrote
    this.archive = jar.resolveSibling(name + "-node-" + jvmBuild.replaceAll("[^A-Za-z0-9._-]", "_") + (aotCache ? ".aot" : ".jsa"));
  }

  /** The archive of the nodes this JVM starts with this class path, when it is one jar (the fat jar); else null. */
  public static NodeClassArchive forClassPath(String classPath) {
    return forClassPath(classPath, Runtime.version().feature(), System.getProperty("java.vm.version"));
  }

  static NodeClassArchive forClassPath(String classPath, int javaFeature, String jvmBuild) {
    Path path = Path.of(classPath);
    return classPath.endsWith(".jar") && Files.isRegularFile(path)
        ? new NodeClassArchive(path.toAbsolutePath(), javaFeature, jvmBuild) : null;
  }

  Path file() {
    return archive;
  }

  /** The JVM flags that use the archive when it is up to date; none otherwise. */
  public List<String> flags() {
    if (!isUpToDate()) {
      return List.of();
    }
    // The JDK maps an archive at a random address and relocates it (every page written, ~35 MB of
    // private memory per node); at the address it was made for, its pages stay shared and clean.
    return aotCache
        ? List.of("-XX:AOTCache=" + archive, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
            "-Xlog:aot=off", "-Xlog:cds=off")
        : List.of("-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /**
   * {@link #make}s the archive with the nodes' JVM flags, then writes the flags that use it to an
   * argument file next to it ({@code java @FILE}), for node JVMs started by a script (the compose
   * image's entry point).
   *
   * @return the argument file
   * @throws CliException when the archive cannot be made or the file written
   */
  public Path makeWithArgumentFile(PrintStream out) {
    make(LocalClusterPlan.jvmFlags(), out);
    Path options = archive.resolveSibling(archive.getFileName() + ".options");
    try {
      Files.writeString(options, String.join("\n", flags()) + "\n");
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot write " + options + ": " + e.getMessage());
    }
    return options;
  }

  private List<String> recordFlags(Path to) {
    return aotCache ? List.of("-XX:AOTCacheOutput=" + to, "-Xlog:aot=off", "-Xlog:cds=off")
        : List.of("-XX:ArchiveClassesAtExit=" + to, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  boolean isUpToDate() {
    try {
      return Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Makes the archive unless it is up to date: runs a training node (every role, alone, on free
   * ports, its home a temporary directory) until it is ready, then stops it through its
   * supervisor pipe; the JVM writes the archive at exit, under a temporary name moved into place
   * when whole (so concurrent runs never read half of one). When the jar changed meanwhile (a build
   * replaced it) it leaves none and says so: the nodes start without an archive.
   *
   * @param jvmFlags the nodes' JVM flags, which the training node runs with too
   * @param out      where one line says what is being done
   * @throws CliException when the training node fails or takes over {@value #TRAINING_TIMEOUT_SECONDS} s
   */
  public void make(List<String> jvmFlags, PrintStream out) {
    if (isUpToDate()) {
      return;
    }
    out.println("making the nodes' class archive " + archive.getFileName() + " (once per build and JVM)...");
    Path home = null;
    Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
    try {
      home = Files.createTempDirectory("center-archive");
      FileTime jarBefore = Files.getLastModifiedTime(jar);
      List<String> flags = new ArrayList<>(jvmFlags);
      flags.addAll(recordFlags(partial));
      int httpPort = freePort();
      ProcessBuilder builder = new ProcessBuilder(NodeProcesses.command(flags, trainingArgs(httpPort))).redirectErrorStream(true);
      builder.environment().put("CENTER_HOME", home.toString());
      train(builder.start(), httpPort);
      if (!Files.isRegularFile(partial)) {
        throw new CliException(CliException.FAILED, "the training node wrote no class archive to " + partial);
      }
      // An archive records the jar it was made from (size, time) and every JVM refuses it, silently,
      // for another jar: one made while a build replaced the jar would look up to date (newer than
      // the jar) and every node would start without it, at twice the CPU.
      if (!Files.getLastModifiedTime(jar).equals(jarBefore)) {
        out.println("the jar " + jar + " changed while its class archive was made (a build?): the nodes start"
            + " without one; the next 'up' makes it");
        return;
      }
      Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot make the class archive " + archive + ": " + e.getMessage());
    } finally {
      deleteQuietly(partial);
      if (home != null) {
        deleteTree(home);
      }
    }
  }

  /** Waits until the node is ready, asks its {@code /ready}, closes its pipe and waits for it to exit 0. */
  private static void train(Process node, int httpPort) throws IOException {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    List<String> tail = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (tail) {
            tail.add(line);
            if (tail.size() > 5) {
              tail.remove(0);
            }
          }
          if (line.contains(" ready in ")) {
            ready.complete(true);
          }
        }
      } catch (IOException e) {
        // the output ended with the node
      }
      ready.complete(false);
    }, "archive-training-output");
    reader.setDaemon(true);
    reader.start();
    try {
      boolean started = ready.get(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (started) {
        askReady(httpPort);
      }
      node.getOutputStream().close();
      if (!started || !node.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS) || node.exitValue() != 0) {
        synchronized (tail) {
          throw new CliException(CliException.FAILED, "the training node did not start and stop cleanly; its last lines: "
              + String.join(" / ", tail));
        }
      }
    } catch (TimeoutException e) {
      throw new CliException(CliException.FAILED, "the training node was not ready within " + TRAINING_TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted while making the class archive");
    } catch (ExecutionException e) {
      throw new CliException(CliException.FAILED, "the training node failed: " + e.getCause());
    } finally {
      node.destroyForcibly();
    }
  }

  /**
   * One {@code GET /ready} of the training node, so that the classes a node serves HTTP with (~150:
   * Netty's HTTP codec, Vert.x Web, the health checks) are in the archive too: a node in a container
   * answers its health check from its first seconds on. Its answer does not matter.
   *
   * @throws IOException when the node does not answer within {@value #READY_REQUEST_TIMEOUT_MS} ms
   */
  private static void askReady(int httpPort) throws IOException {
    HttpURLConnection request = (HttpURLConnection) URI.create("http://" + LocalClusterPlan.HOST + ":" + httpPort + "/ready")
        .toURL().openConnection();
    request.setConnectTimeout(READY_REQUEST_TIMEOUT_MS);
    request.setReadTimeout(READY_REQUEST_TIMEOUT_MS);
    try {
      request.getResponseCode();
    } finally {
      request.disconnect();
    }
  }

  /** {@code center node} with every role, alone on free ports, its client sending to its server. */
  private static List<String> trainingArgs(int httpPort) throws IOException {
    int cluster = freePort();
    int server = freePort();
    return List.of("node", "--roles", TRAINING_ROLES, "--cluster-name", "center-archive-" + ProcessHandle.current().pid(),
        "--members", LocalClusterPlan.HOST + ":" + cluster, "--cluster-host", LocalClusterPlan.HOST,
        "--cluster-port", String.valueOf(cluster), "--bridge-port", String.valueOf(freePort()),
        "--http-port", String.valueOf(httpPort), "--server-port", String.valueOf(server),
        "--client-load", "host=" + LocalClusterPlan.HOST + ",port=" + server + ",rate=100", "--workers", "1",
        NodeProcesses.SUPERVISED_FLAG);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temporary file; the next make overwrites it
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(NodeClassArchive::deleteQuietly);
    } catch (IOException e) {
      // a leftover temporary directory
    }
  }
}
