package io.vertxcenter.it.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TmpfsMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code center up} where its logs cannot be written (a read-only, then a full tmpfs: {@link TmpfsMount})
 * fails at once with one {@code error:} line naming the path and why.
 */
class UpUnwritableIT {
  @Test
  @DisplayName("up with a read-only or full logs directory: exit 1 and one error line naming the path and why")
  void unwritableLogs() throws Exception {
    Path home = Files.createTempDirectory("center-home");
    Path logs = Files.createDirectory(home.resolve("logs"));
    try (TmpfsMount mount = new TmpfsMount(logs, "size=256k,ro")) {
      assertOneErrorLine(home, "error: cannot write " + logs + " (Read-only file system), where 'center up' keeps the node logs;");
      mount.remountWritable();
      TmpfsMount.fill(logs.resolve("filler"));
      assertOneErrorLine(home, "error: cannot write " + logs + " (No space left on device), where 'center up' keeps the node logs;");
    }
  }

  private static void assertOneErrorLine(Path home, String start) {
    List<String> args = new ArrayList<>(List.of("up", "--detach", "--server-port", String.valueOf(NodeProcess.freePort())));
    args.addAll(NodeProcess.upPortFlags(NodeProcess.freePortRange(5), 5)); // the defaults may be taken by another cluster
    NodeProcess.Result up = NodeProcess.run(args,
        List.of("CENTER_HOME=" + home), Duration.ofSeconds(60));
    List<String> lines = up.output().lines().filter(line -> !line.isBlank()).toList();
    assertEquals(1, up.exitCode(), up.output());
    assertEquals(1, lines.size(), up.output());
    assertTrue(lines.get(0).startsWith(start), up.output());
  }
}
