package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecurityTest {
  @TempDir
  Path logs;

  @Test
  @DisplayName("a node's log starts empty and 0600; the earlier run's is kept as <name>.1, replacing an older one")
  void earlierRunsLogIsKept() throws Exception {
    Path log = logs.resolve("monitor.log");
    LocalSecurity.privateLog(log);
    assertEquals(0, Files.size(log));
    assertFalse(Files.exists(LocalSecurity.previousLog(log)), "nothing to keep on the first run");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));

    Files.writeString(log, "first run\n");
    LocalSecurity.privateLog(log);
    Files.writeString(log, "second run\n");
    LocalSecurity.privateLog(log);

    assertEquals(0, Files.size(log));
    assertEquals("second run\n", Files.readString(logs.resolve("monitor.log.1")));
  }
}
