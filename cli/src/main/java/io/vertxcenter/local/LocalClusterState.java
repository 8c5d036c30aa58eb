package io.vertxcenter.local;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.PrivateFiles;
import io.vertxcenter.connect.CliException;
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
 * @param supervisorStarted when the supervisor started, ms since the epoch (its identity with the pid)
 * @param ready      whether every node has been ready in the registry (the cluster has started)
 * @param nodes      the node processes, in start order
 */
public record LocalClusterState(String cluster, long supervisor, long supervisorStarted, boolean ready, List<Child> nodes) {

  /**
   * One started node process: its name, roles, pid, start time (ms since the epoch; with the pid,
   * its identity), CLI bridge ({@code host:port}) and log file.
   */
  public record Child(String name, String roles, long pid, long started, String bridge, String log) {}

  /** The state file exists but cannot be read (cut short, edited): says so and what to do. */
  private static CliException unreadable(Path file, String why) {
    return new CliException(CliException.FAILED, file + " cannot be read (" + why + "): run 'center down', which stops "
        + "the processes of this CENTER_HOME found by their command line and removes the file");
  }

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

  /**
   * The state file's content; empty when there is none.
   *
   * @throws CliException (failed) when it exists but is not a state file (cut short, not JSON, fields missing)
   */
  public static Optional<LocalClusterState> read() {
    return read(file());
  }

  static Optional<LocalClusterState> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      LocalClusterState state = new JsonObject(Files.readString(file)).mapTo(LocalClusterState.class);
      if (state.cluster() != null && state.nodes() != null) {
        return Optional.of(state);
      }
      throw unreadable(file, "no cluster name or node list");
    } catch (IOException e) {
      throw unreadable(file, e.toString());
    } catch (CliException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unreadable(file, ControlCharacters.shown(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 120));
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

  /** Deletes the state file of {@link #home()}, as {@link #delete(Path)} does. */
  public static void delete() {
    delete(file());
  }

  /**
   * Deletes the state file {@code file}; nothing to do when it is not there, nor when its directory
   * is not a directory ({@code CENTER_HOME} a regular file: no cluster was ever up there).
   *
   * @throws CliException (failed) when it is there and cannot be deleted, saying why and what to do
   */
  static void delete(Path file) {
    if (!Files.isDirectory(file.getParent())) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot delete " + file + " (" + ControlCharacters.shown(e.toString(), 120)
          + "): delete it by hand, or fix the permissions of " + file.getParent());
    }
  }

}
