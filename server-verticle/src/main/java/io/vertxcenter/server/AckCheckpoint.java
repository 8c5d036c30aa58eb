package io.vertxcenter.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A segment's acknowledgement checkpoint: a file {@code <segment>.ack} beside {@code <segment>.wal}
 * holding the offset below which every record of the segment was acknowledged by a monitor (and
 * durable at the log's level), so that a start after a crash delivers only the records from there.
 * {@link #BYTES} bytes, big-endian:
 * <pre>
 *   int   magic {@code VCK1}
 *   long  the offset in bytes, a record boundary of the segment
 *   int   CRC32C of the 12 bytes before
 * </pre>
 * Written whole to a temporary file, then renamed over the previous one (as Kafka writes its
 * recovery-point and replication-offset checkpoints), so a reader sees the old or the new one,
 * never a mix; a checkpoint lost or stale only means more records delivered again. Blocking I/O:
 * called off the event loop, or at a planned stop.
 */
final class AckCheckpoint {
  static final String SUFFIX = ".ack";
  /** Temporary files of checkpoints being written end so; a start deletes the ones a crash left. */
  static final String TEMP_SUFFIX = ".ack.tmp";
  static final int BYTES = 16;
  private static final int MAGIC = 0x56434B31; // "VCK1"

  private AckCheckpoint() {}

  /** The checkpoint file of {@code segment} (a {@code .wal} file). */
  static Path of(Path segment) {
    String name = segment.getFileName().toString();
    return segment.resolveSibling(name.substring(0, name.length() - LogFiles.SUFFIX.length()) + SUFFIX);
  }

  /**
   * Writes {@code offset} as {@code segment}'s checkpoint: to a new temporary file (forced to disk
   * when {@code force}, so that a rename that survives a power loss carries whole content), then
   * renamed over the old one. The directory is not forced. Unforced, a power loss may leave the
   * previous checkpoint (stale) or a torn one (its checksum fails: ignored): only more delivered
   * again, never less, as the offset never passes what is durable in the segment.
   *
   * @throws IOException when it cannot be written; the previous checkpoint stays
   */
  static void write(Path segment, long offset, boolean force) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(BYTES).putInt(MAGIC).putLong(offset);
    bytes.putInt(crc(bytes.array())).flip();
    Path target = of(segment);
    Path temp = Files.createTempFile(segment.getParent(), target.getFileName().toString(), TEMP_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        if (force) {
          channel.force(false);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp); // after a move there is none: only a failed write leaves one
      throw e;
    }
  }

  /**
   * The offset {@code segment}'s checkpoint holds, or -1 when it has none.
   *
   * @throws IOException naming what is wrong when the file is there but torn or not a checkpoint
   *         (its size, magic or checksum), or cannot be read
   */
  static long read(Path segment) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(of(segment));
    } catch (NoSuchFileException none) {
      return -1;
    }
    if (bytes.length != BYTES) {
      throw new IOException(bytes.length + " bytes, not " + BYTES);
    }
    ByteBuffer file = ByteBuffer.wrap(bytes);
    if (file.getInt(0) != MAGIC || file.getInt(12) != crc(bytes)) {
      throw new IOException("its magic or checksum does not match");
    }
    long offset = file.getLong(4);
    if (offset < 0) {
      throw new IOException("a negative offset " + offset);
    }
    return offset;
  }

  /** CRC32C of the first 12 bytes of {@code bytes}. */
  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 12);
    return (int) crc.getValue();
  }
}
