package io.vertxcenter.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of the node JVMs' classes (AppCDS, the JDK's dynamic archive), kept
 * next to the fat jar: with it, the JVMs of {@code center up} load Hazelcast's, Vert.x's and
 * Netty's classes mapped from the archive instead of parsing and verifying them from the jar, so a
 * cluster of JVMs competing for a few cores is ready sooner (README, "Tests", has the figures).
 *
 * <p>The archive is made by the JVMs themselves: when it is missing or older than the jar (a new
 * build), the first node of the cluster writes it when it exits ({@code center down}), and the next
 * {@code center up} uses it. A JVM that cannot use it (another JDK, a half-written file) runs as if
 * there were none; the JDK's CDS messages are kept out of the node output.
 */
final class NodeClassArchive {
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private final Path jar;
  private final Path archive;

  private NodeClassArchive(Path jar) {
    this.jar = jar;
    this.archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-node.jsa");
  }

  /** The archive of the nodes started with this class path, when it is one jar (the fat jar); else null. */
  static NodeClassArchive forClassPath(String classPath) {
    Path path = Path.of(classPath);
    return classPath.endsWith(".jar") && Files.isRegularFile(path) ? new NodeClassArchive(path.toAbsolutePath()) : null;
  }

  /**
   * The JVM flags of a node: use the archive when it is up to date; otherwise, for the node that
   * is to record it ({@code recorder}), write it at exit; for the others, nothing.
   */
  List<String> flags(boolean recorder) {
    if (isUpToDate()) {
      return concat("-XX:SharedArchiveFile=" + archive);
    }
    return recorder ? concat("-XX:ArchiveClassesAtExit=" + archive) : List.of();
  }

  private boolean isUpToDate() {
    try {
      return Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> concat(String flag) {
    return Stream.concat(Stream.of(flag), QUIET.stream()).toList();
  }
}
