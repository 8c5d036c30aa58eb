package io.vertxcenter.server;

import io.vertxcenter.common.DataBatch;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The on-disk form of the data log, and its reading. A segment is a file {@code <stream>-<n>.wal}
 * (a stream is one ingest instance of one server start; n counts its segments, zero-padded, so that
 * names sort in writing order) holding records back to back, each:
 * <pre>
 *   int    length of the body in bytes (big-endian), 1 or more
 *   int    CRC32C of the body
 *   bytes  the body: a {@link io.vertxcenter.common.DataBatch}, exactly as forwarded
 * </pre>
 * A record whose length runs past the end of the file, or whose checksum does not match, ends the
 * segment: the crash came while it was written. Blocking I/O: called off the event loop.
 */
final class LogFiles {
  static final String SUFFIX = ".wal";
  static final int RECORD_HEADER_BYTES = 8;
  /** No batch is near this: a length above it is a torn header, not a record. */
  private static final int MAX_RECORD_BYTES = 64 << 20;

  private LogFiles() {}

  /**
   * What a previous run left in a segment.
   *
   * @param path    the segment file
   * @param bytes   its size after any torn tail was cut
   * @param records the whole records in it
   * @param lines   the lines in them
   * @param torn    bytes cut from its end (0 when it ended on a whole record)
   */
  record Segment(Path path, long bytes, int records, long lines, long torn) {}

  /** The name of segment {@code n} of {@code stream}. */
  static String name(String stream, int n) {
    return String.format("%s-%06d%s", stream, n, SUFFIX);
  }

  /** The record header of {@code body}: its length and checksum. */
  static ByteBuffer header(ByteBuffer body) {
    CRC32C crc = new CRC32C();
    crc.update(body.duplicate());
    return ByteBuffer.allocate(RECORD_HEADER_BYTES).putInt(body.remaining()).putInt((int) crc.getValue()).flip();
  }

  /**
   * The segments in {@code dir} in name order (each stream's in writing order), each checked record
   * by record; a torn tail is cut from its file. An empty segment is deleted and not listed. A
   * directory that does not exist is made.
   *
   * @throws IOException when the directory cannot be made or listed, or a segment read or cut
   */
  static List<Segment> recover(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> paths;
    try (Stream<Path> files = Files.list(dir)) {
      paths = files.filter(path -> path.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    List<Segment> segments = new ArrayList<>();
    for (Path path : paths) {
      Segment segment = check(path);
      if (segment.records() == 0) {
        Files.delete(path);
      } else {
        segments.add(segment);
      }
    }
    return segments;
  }

  /**
   * Takes the data dir for this JVM (made if missing): a lock on its {@code lock} file, held until
   * released, so that two server nodes never write and delete each other's segments.
   *
   * @throws IOException naming the dir when another process holds it, or it cannot be made or locked
   */
  static FileLock lock(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("another server node uses the data dir " + dir + " (it holds " + dir.resolve("lock")
          + "): give each server node its own --data-dir");
    }
    return lock;
  }

  /** Checks {@code path}'s records and cuts a torn tail from it. */
  static Segment check(Path path) throws IOException {
    long[] counts = new long[2];
    long valid = read(path, Long.MAX_VALUE, body -> {
      counts[0]++;
      counts[1] += DataBatch.lineCount(body);
    });
    long size = Files.size(path);
    if (valid < size) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
        channel.truncate(valid);
        channel.force(true);
      }
    }
    return new Segment(path, valid, (int) counts[0], counts[1], size - valid);
  }

  /** The bodies of the first {@code bytes} bytes of a segment, whole records only. */
  static List<Buffer> records(Path path, long bytes) throws IOException {
    List<Buffer> bodies = new ArrayList<>();
    read(path, bytes, bodies::add);
    return bodies;
  }

  private interface Bodies {
    void body(Buffer body);
  }

  /** Hands over each whole, checked record within the first {@code limit} bytes; returns where the last ended. */
  private static long read(Path path, long limit, Bodies bodies) throws IOException {
    byte[] all = Files.readAllBytes(path);
    ByteBuffer file = ByteBuffer.wrap(all, 0, (int) Math.min(all.length, limit)).order(ByteOrder.BIG_ENDIAN);
    CRC32C crc = new CRC32C();
    while (file.remaining() >= RECORD_HEADER_BYTES) {
      int start = file.position();
      int length = file.getInt();
      int checksum = file.getInt();
      if (length <= 0 || length > MAX_RECORD_BYTES || length > file.remaining()) {
        return start;
      }
      crc.reset();
      crc.update(all, file.position(), length);
      if ((int) crc.getValue() != checksum) {
        return start;
      }
      bodies.body(Buffer.buffer().appendBytes(all, file.position(), length));
      file.position(file.position() + length);
    }
    return file.position();
  }
}
