package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeClassArchiveTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("no archive, or one older than the jar: the seed records it at exit and the others run without; a newer one is used by all")
  void recordsThenUses() throws IOException {
    Path jar = Files.writeString(dir.resolve("center.jar"), "jar");
    Path archive = dir.resolve("center-node.jsa");
    NodeClassArchive classes = NodeClassArchive.forClassPath(jar.toString());

    assertEquals(flags("-XX:ArchiveClassesAtExit=" + archive), classes.flags(true));
    assertEquals(List.of(), classes.flags(false));

    Files.writeString(archive, "archive");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 1_000));
    assertEquals(flags("-XX:ArchiveClassesAtExit=" + archive), classes.flags(true), "a new build makes it stale");

    Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
    assertEquals(flags("-XX:SharedArchiveFile=" + archive), classes.flags(true));
    assertEquals(flags("-XX:SharedArchiveFile=" + archive), classes.flags(false));
  }

  @Test
  @DisplayName("nodes started from classes rather than the fat jar get no archive")
  void onlyForTheJar() {
    assertNull(NodeClassArchive.forClassPath(dir.toString()));
    assertNull(NodeClassArchive.forClassPath(dir.resolve("a.jar") + ":" + dir.resolve("b.jar")));
  }

  /** The flag, with the JDK's CDS messages kept out of the node output. */
  private static List<String> flags(String flag) {
    return List.of(flag, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }
}
