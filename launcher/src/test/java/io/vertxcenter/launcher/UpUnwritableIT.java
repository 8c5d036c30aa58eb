package io.vertxcenter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code center up} where its logs cannot be written (a read-only or a full tmpfs this test mounts,
 * so it runs as root) fails at once with one {@code error:} line naming the path and why.
 */
class UpUnwritableIT {
  @Test
  @DisplayName("up with a read-only or full logs directory: exit 1 and one error line naming the path and why")
  void unwritableLogs() throws Exception {
    Path home = Files.createTempDirectory("center-home");
    Path logs = Files.createDirectory(home.resolve("logs"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k,ro", "tmpfs", logs.toString()), "mounting a tmpfs needs root");
    try {
      assertOneErrorLine(home, "error: cannot write " + logs + " (Read-only file system), where 'center up' keeps the node logs;");
      assertEquals(true, run("mount", "-o", "remount,rw", logs.toString()));
      try (OutputStream filler = Files.newOutputStream(logs.resolve("filler"))) {
        while (true) {
          filler.write(new byte[4096]);
        }
      } catch (IOException full) {
        // No space left on device: what this test wants
      }
      assertOneErrorLine(home, "error: cannot write " + logs);
      assertTrue(lastOutput.contains(" (No space left on device), where 'center up' keeps the node logs;"), lastOutput);
    } finally {
      run("umount", "--lazy", logs.toString());
    }
  }

  private String lastOutput;

  private void assertOneErrorLine(Path home, String start) {
    NodeProcess.Result up = NodeProcess.run(List.of("up", "--detach", "--http-port", "0"),
        List.of("CENTER_HOME=" + home), Duration.ofSeconds(60));
    lastOutput = up.output();
    List<String> lines = up.output().lines().filter(line -> !line.isBlank()).toList();
    assertEquals(1, up.exitCode(), up.output());
    assertEquals(1, lines.size(), up.output());
    assertTrue(lines.get(0).startsWith(start), up.output());
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}
