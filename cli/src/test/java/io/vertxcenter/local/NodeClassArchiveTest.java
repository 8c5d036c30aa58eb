package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  @DisplayName("no archive, or one older than the jar: no flags; a newer one is used, with the JDK's messages off")
  void usedWhenNewerThanTheJar() throws IOException {
    Path jar = Files.writeString(dir.resolve("center.jar"), "jar");
    NodeClassArchive classes = NodeClassArchive.forClassPath(jar.toString(), 17, "17.0.15+6");
    Path archive = classes.file();
    assertEquals(dir.resolve("center-node-17.0.15_6.jsa"), archive);
    assertEquals(List.of(), classes.flags());

    Files.writeString(archive, "archive");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 1_000));
    assertEquals(List.of(), classes.flags(), "a new build makes it stale");

    Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), classes.flags());
  }

  @Test
  @DisplayName("JDK 25 and later: an AOT cache, one file per JVM build")
  void aotCacheFrom25() throws IOException {
    Path jar = Files.writeString(dir.resolve("center.jar"), "jar");
    NodeClassArchive cache = NodeClassArchive.forClassPath(jar.toString(), 25, "25+36-LTS");
    assertEquals(dir.resolve("center-node-25_36-LTS.aot"), cache.file());
    assertNotEquals(cache.file(), NodeClassArchive.forClassPath(jar.toString(), 25, "25.0.1+8-LTS").file());
    Files.writeString(cache.file(), "cache");
    Files.setLastModifiedTime(cache.file(), FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
    assertTrue(cache.flags().contains("-XX:AOTCache=" + cache.file()));
  }

  @Test
  @DisplayName("nodes started from classes rather than the fat jar get no archive")
  void onlyForTheJar() {
    assertNull(NodeClassArchive.forClassPath(dir.toString()));
    assertNull(NodeClassArchive.forClassPath(dir.resolve("a.jar") + ":" + dir.resolve("b.jar")));
  }
}
