package io.vertxcenter.local;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code center up} started, kept in {@code $CENTER_HOME/cluster.json} (default
 * {@code ~/.vertxcenter}; 0600 in a 0700 directory) so that {@code center down} stops exactly
 * those processes and the CLI finds their bridges. The supervisor rewrites it whenever it starts a
 * node again, so it always names the running processes.
 *
 * @param cluster    the cluster name
 * @param supervisor the pid of the process that supervises the nodes: {@code center up} itself,
 *                   or with {@code -d} the background {@code center supervise}
 * @param ready      whether every node has been ready in the registry (the cluster has started)
 * @param nodes      the node processes, in start order
 */
public record LocalClusterState(String cluster, long supervisor, boolean ready, List<Child> nodes) {

  /** One started node process: its name, roles, pid, CLI bridge ({@code host:port}) and log file. */
  public record Child(String name, String roles, long pid, String bridge, String log) {}

  public List<String> bridges() {
    return nodes.stream().map(Child::bridge).toList();
  }

  /** {@code $CENTER_HOME}, default {@code ~/.vertxcenter}. */
  public static Path home() {
    String configured = System.getenv("CENTER_HOME");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".vertxcenter");
  }

  static Path file() {
    return home().resolve("cluster.json");
  }

  /** The state file's content; empty when there is none or it cannot be read. */
  public static Optional<LocalClusterState> read() {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JsonObject(Files.readString(file)).mapTo(LocalClusterState.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the file whole or not at all (a reader never sees half of it). */
  void write() {
    Path file = file();
    try {
      PrivateFiles.directory(home());
      PrivateFiles.write(file, JsonObject.mapFrom(this).encodePrettily().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static void delete() {
    try {
      Files.deleteIfExists(file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file(), e);
    }
  }
}
