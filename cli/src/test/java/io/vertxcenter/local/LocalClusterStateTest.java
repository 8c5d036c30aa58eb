package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.connect.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting the state file ('center down'): nothing to do where there is none, one error line where it cannot be deleted. */
class LocalClusterStateTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("CENTER_HOME a regular file: no state file there, nothing to delete, no exception")
  void homeIsAFile() throws Exception {
    Path home = Files.writeString(dir.resolve("home"), "not a directory");
    LocalClusterState.delete(home.resolve("cluster.json"));
    assertEquals("not a directory", Files.readString(home));
  }

  @Test
  @DisplayName("a state file that cannot be deleted (here: a non-empty directory in its place): a failure naming it and what to do")
  void cannotDelete() throws Exception {
    Path file = Files.createDirectories(dir.resolve("cluster.json"));
    Files.writeString(file.resolve("x"), "x");
    CliException error = assertThrows(CliException.class, () -> LocalClusterState.delete(file));
    assertEquals(CliException.FAILED, error.exitCode());
    assertTrue(error.getMessage().startsWith("cannot delete " + file + " (java.nio.file.DirectoryNotEmptyException"), error.getMessage());
    assertTrue(error.getMessage().endsWith("): delete it by hand, or fix the permissions of " + dir), error.getMessage());
    assertFalse(error.getMessage().contains("\n"), error.getMessage());
  }

  @Test
  @DisplayName("a state file there is deleted; none there is nothing to do")
  void deletes() throws Exception {
    Path file = Files.writeString(dir.resolve("cluster.json"), "{}");
    LocalClusterState.delete(file);
    assertFalse(Files.exists(file));
    LocalClusterState.delete(file);
  }
}
