package io.vertxcenter.common;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: the cluster token, TLS keys, the local cluster's state and
 * logs. Directories are made 0700 and files 0600 (on file systems without POSIX permissions the
 * modes are left as they are).
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Creates {@code dir} and its missing parents; {@code dir} itself ends up 0700. */
  public static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrict(dir, DIRECTORY);
    return dir;
  }

  /** Writes {@code content} to {@code file} (replacing it) with mode 0600 from the first byte on. */
  public static void write(Path file, byte[] content) throws IOException {
    Path temp = temporary(file, content);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Writes {@code content} to {@code file} only if no such file exists, atomically: a reader never
   * sees it half written, and of two processes racing to create it one wins and both use its content.
   *
   * @return true if this call created the file, false if it already existed
   */
  public static boolean writeIfAbsent(Path file, byte[] content) throws IOException {
    Path temp = temporary(file, content);
    try {
      Files.createLink(file, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes an existing file 0600 (a log another program created). */
  public static void restrict(Path file) throws IOException {
    restrict(file, FILE);
  }

  private static Path temporary(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    restrict(temp, FILE);
    Files.write(temp, content);
    return temp;
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }
}
