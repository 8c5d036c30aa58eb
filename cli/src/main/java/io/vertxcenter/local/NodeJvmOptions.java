package io.vertxcenter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options of a node (heap bound, collector, stacks, JIT thresholds), kept in one file,
 * {@code node-jvm.options}: in the jar for {@code center up}, read by {@code bin/center node} and the
 * compose image as a {@code java @file} argument file from the source tree and the image.
 */
final class NodeJvmOptions {
  static final String RESOURCE = "/node-jvm.options";

  private NodeJvmOptions() {}

  /** The options, in the file's order: its words, without {@code #} comments. */
  static List<String> flags() {
    try (InputStream in = NodeJvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path (a broken build)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The words of an argument file, as {@code java @file} reads one without quotes: {@code #} starts a comment. */
  static List<String> parse(String text) {
    return text.lines().map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty())
        .flatMap(line -> Arrays.stream(line.split("\\s+"))).toList();
  }
}
