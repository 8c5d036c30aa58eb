package io.vertxcenter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Converters of paths on this machine; a blank value is "not given" (null), as an empty env var is unset.
 */
final class FilePaths {
  private FilePaths() {}

  /** A readable regular file that exists (the cluster token). */
  static final class ReadableFile extends ValueConverter<Path> {
    ReadableFile() {
      super("a readable file that exists", fitting(path -> Files.isRegularFile(path) && Files.isReadable(path)));
    }
  }

  /** A directory that exists (key material to read). */
  static final class ExistingDirectory extends ValueConverter<Path> {
    ExistingDirectory() {
      super("a directory that exists", fitting(Files::isDirectory));
    }
  }

  /** A directory to write: it may be missing, but not a file. */
  static final class DirectoryToWrite extends ValueConverter<Path> {
    DirectoryToWrite() {
      super("a directory (made if missing), not a file", fitting(path -> !Files.exists(path) || Files.isDirectory(path)));
    }
  }

  /** The path of a text when it {@code fits}; else an {@link IllegalArgumentException} (an invalid path is one too). */
  private static Function<String, Path> fitting(Predicate<Path> fits) {
    return text -> {
      if (text.isBlank()) {
        return null;
      }
      Path path = Path.of(text.trim());
      if (!fits.test(path)) {
        throw new IllegalArgumentException("does not fit");
      }
      return path;
    };
  }
}
