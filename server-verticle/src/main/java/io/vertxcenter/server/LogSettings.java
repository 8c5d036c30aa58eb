package io.vertxcenter.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a server node keeps its write-ahead log of the lines it reads (see {@link DataLog}).
 *
 * @param dir        the node's data directory; each server start writes its segments there and
 *                   recovers the ones a previous run left
 * @param durability how far a batch is secured before it is forwarded; {@link Durability#NONE} means no log
 * @param maxBytes   the log's size bound in bytes, at least {@link #MIN_BYTES}: when the segments not yet
 *                   acknowledged reach it, the server pauses reading its sockets (and is {@code degraded})
 *                   until a monitor acknowledges; nothing is dropped
 */
public record LogSettings(Path dir, Durability durability, long maxBytes) {
  /** The default bound: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  /** The least bound: 1 MiB. */
  public static final long MIN_BYTES = 1L << 20;
  /** No log at all: today's memory-only data path. */
  public static final LogSettings NONE = new LogSettings(null, Durability.NONE, DEFAULT_MAX_BYTES);

  public LogSettings {
    Objects.requireNonNull(durability, "durability");
    if (durability != Durability.NONE) {
      Objects.requireNonNull(dir, "a data log needs a data directory");
    }
    if (maxBytes < MIN_BYTES) {
      throw new IllegalArgumentException("the data log's size bound must be at least " + MIN_BYTES + " bytes, not " + maxBytes);
    }
  }

  /** Whether lines are logged at all. */
  public boolean logs() {
    return durability != Durability.NONE;
  }
}
