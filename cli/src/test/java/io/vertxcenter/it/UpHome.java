package io.vertxcenter.it;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test support: what a test of {@code center up} reads in its own {@code CENTER_HOME}: the state
 * file ({@code cluster.json}) and the pids and bridges it names; and the cleanup after a failed test.
 */
public final class UpHome {
  private static final Duration DOWN = Duration.ofSeconds(150);

  private UpHome() {}

  /** The state file of {@code home}; fails when there is none. */
  public static JsonObject state(Path home) {
    return new JsonObject(read(home.resolve("cluster.json")));
  }

  /** The pids of the nodes a state file names. */
  public static List<Long> pids(JsonObject state) {
    return state.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getLong("pid")).toList();
  }

  /** The pid of the node named {@code name} ({@code server}, {@code monitor}, …) in a state file. */
  public static long pidOf(JsonObject state, String name) {
    return state.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(node -> name.equals(node.getString("name"))).findFirst().orElseThrow().getLong("pid");
  }

  /** The CLI bridges of the nodes a state file names. */
  public static List<String> bridges(JsonObject state) {
    return state.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getString("bridge")).toList();
  }

  /** A failed test must not leave its cluster running: {@code center down} if a state file is left, then kill -9 of every pid seen. */
  public static void stopLeftovers(Path home, List<String> env, Collection<Long> seenPids) {
    if (Files.exists(home.resolve("cluster.json"))) {
      NodeProcess.run(List.of("down"), env, DOWN);
    }
    seenPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /**
   * The pids a test of {@code center up} saw (its supervisor's and nodes'), registered with
   * {@code @RegisterExtension}: after each test, {@link #stopLeftovers} of its home, so that a failed
   * test does not leave its cluster running.
   */
  public static final class Leftovers implements AfterEachCallback, Iterable<Long> {
    private final Supplier<Path> home;
    private final Supplier<List<String>> env;
    private final List<Long> seen = new ArrayList<>();

    /** {@code home} and {@code env}: the test's {@code CENTER_HOME} and the environment its CLI runs with, read after the test. */
    public Leftovers(Supplier<Path> home, Supplier<List<String>> env) {
      this.home = home;
      this.env = env;
    }

    public void add(long pid) {
      seen.add(pid);
    }

    public void addAll(Collection<Long> pids) {
      seen.addAll(pids);
    }

    @Override
    public Iterator<Long> iterator() {
      return seen.iterator();
    }

    @Override
    public void afterEach(ExtensionContext context) {
      stopLeftovers(home.get(), env.get(), seen);
      seen.clear();
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
