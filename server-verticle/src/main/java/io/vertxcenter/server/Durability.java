package io.vertxcenter.server;

import java.util.Locale;

/**
 * How far a server node secures the lines it reads before it forwards them (and, on the ack port,
 * before it acknowledges them to the client).
 */
public enum Durability {
  /** No log: lines live in memory until a monitor acknowledges them; a crash of the server JVM loses them. */
  NONE,
  /** Each batch is written to the node's data log (the OS page cache) before it is forwarded: survives a kill -9 of the JVM. */
  WRITE,
  /** As {@link #WRITE}, and the log is forced to disk (group commit, every ~2 ms): survives an OS crash or power loss. */
  FSYNC;

  /** The flag's spelling of this level ({@code none}, {@code write}, {@code fsync}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The level named {@code label}, in any case.
   *
   * @throws IllegalArgumentException naming the three levels, for any other word
   */
  public static Durability of(String label) {
    for (Durability level : values()) {
      if (level.label().equalsIgnoreCase(label.trim())) {
        return level;
      }
    }
    throw new IllegalArgumentException("unknown durability '" + label + "': use none, write or fsync");
  }
}
