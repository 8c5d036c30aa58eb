package io.vertxcenter.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: a small tmpfs mounted on a directory (so the test runs as root; otherwise it is
 * skipped), to make a disk that fills up or is read-only; {@link #close()} unmounts it lazily (at
 * once, and for good once the files a killed process had open are closed).
 */
public final class TmpfsMount implements AutoCloseable {
  private final Path dir;

  /** Mounts a tmpfs with {@code options} (e.g. {@code size=512k}, {@code size=256k,ro}) on {@code dir}; skips the test when it cannot. */
  public TmpfsMount(Path dir, String options) {
    this.dir = dir;
    assumeTrue(run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()), "mounting a tmpfs needs root");
  }

  /** Makes it writable again. */
  public void remountWritable() {
    if (!run("mount", "-o", "remount,rw", dir.toString())) {
      throw new AssertionError("cannot remount " + dir + " writable");
    }
  }

  /** Writes zeros to {@code file} on it until it is full (the write fails: No space left on device). */
  public static void fill(Path file) {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // full: what the caller wants
    }
  }

  @Override
  public void close() {
    run("umount", "--lazy", dir.toString());
  }

  private static boolean run(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
