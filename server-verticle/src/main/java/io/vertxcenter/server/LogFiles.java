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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * segment: the crash came while it was written. Beside a segment, its {@link AckCheckpoint} tells
 * where the records not yet acknowledged begin. Blocking I/O: called off the event loop.
 */
final class LogFiles {
  private static final Logger LOG = LoggerFactory.getLogger(LogFiles.class);
  static final String SUFFIX = ".wal";
  static final int RECORD_HEADER_BYTES = 8;
  /** No batch is near this: a length above it is a torn header, not a record. */
  private static final int MAX_RECORD_BYTES = 64 << 20;

  private LogFiles() {}

  /**
   * What a previous run left in a segment.
   *
   * @param path       the segment file
   * @param bytes      its size after any torn tail was cut
   * @param from       where the records to deliver begin: its acknowledgement checkpoint ({@link
   *                   AckCheckpoint}), 0 without a usable one
   * @param records    the whole records from there, to deliver again
   * @param lines      the lines in them
   * @param skipped    the lines below {@code from}, acknowledged before the stop: not delivered
   * @param torn       bytes cut from its end (0 when it ended on a whole record)
   * @param checkpoint why its checkpoint was ignored (torn, or not on a record boundary within the
   *                   segment), or null when it had a usable one or none
   */
  record Segment(Path path, long bytes, long from, int records, long lines, long skipped, long torn, String checkpoint) {}

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
   * by record; a torn tail is cut from its file. Records below a segment's acknowledgement checkpoint
   * are skipped (counted, and logged in one line with the lines left to deliver); a checkpoint that is
   * torn, or does not fall on a record boundary within the segment, is ignored (logged once): the
   * whole segment is delivered. A segment with nothing to deliver is deleted and not listed, and so
   * are checkpoints without a segment and temporary files a crash left. A directory that does not
   * exist is made.
   *
   * @throws IOException when the directory cannot be made or listed, or a segment read or cut
   */
  static List<Segment> recover(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> paths;
    try (Stream<Path> files = Files.list(dir)) {
      paths = files.sorted().toList();
    }
    Set<String> names = paths.stream().map(path -> path.getFileName().toString()).collect(Collectors.toSet());
    List<Segment> segments = new ArrayList<>();
    long skipped = 0;
    List<String> ignored = new ArrayList<>();
    for (Path path : paths) {
      String name = path.getFileName().toString();
      boolean orphan = name.endsWith(AckCheckpoint.SUFFIX)
          && !names.contains(name.replace(AckCheckpoint.SUFFIX, SUFFIX));
      if (orphan || name.endsWith(AckCheckpoint.TEMP_SUFFIX)) {
        Files.delete(path);
      } else if (name.endsWith(SUFFIX)) {
        Segment segment = check(path);
        skipped += segment.skipped();
        if (segment.checkpoint() != null) {
          ignored.add(name + ": " + segment.checkpoint());
        }
        if (segment.records() == 0) {
          delete(path);
        } else {
          segments.add(segment);
        }
      }
    }
    if (skipped > 0) {
      LOG.info("data log {}: {} lines below the acknowledgement checkpoints skipped (a monitor showed them before the stop); "
          + "{} lines after them to deliver again", dir, skipped, segments.stream().mapToLong(Segment::lines).sum());
    }
    if (!ignored.isEmpty()) {
      LOG.warn("data log {}: {} acknowledgement checkpoints ignored ({}): those segments are delivered whole, marked resent",
          dir, ignored.size(), String.join("; ", ignored));
    }
    return segments;
  }

  /** Deletes a segment and its checkpoint. */
  static void delete(Path segment) throws IOException {
    Files.deleteIfExists(segment);
    Files.deleteIfExists(AckCheckpoint.of(segment));
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

  /**
   * Checks {@code path}'s records, cuts a torn tail from it, and splits its records at its
   * acknowledgement checkpoint (ignored unless it is a record boundary within the whole records).
   */
  static Segment check(Path path) throws IOException {
    String problem = null;
    long mark;
    try {
      mark = Math.max(0, AckCheckpoint.read(path));
    } catch (IOException torn) {
      problem = "torn or not a checkpoint: " + torn.getMessage();
      mark = 0;
    }
    long from = mark;
    List<Long> starts = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    long valid = read(path, Long.MAX_VALUE, (start, body) -> {
      starts.add(start);
      lines.add((long) DataBatch.lineCount(body));
    });
    long size = Files.size(path);
    if (valid < size) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
        channel.truncate(valid);
        channel.force(true);
      }
    }
    if (from != valid && !starts.contains(from)) {
      problem = "offset " + from
          + (from > valid ? " is past the segment's whole records (" + valid + " bytes)" : " is not a record's start");
      from = 0;
    }
    int records = 0;
    long delivered = 0;
    long skipped = 0;
    for (int i = 0; i < starts.size(); i++) {
      if (starts.get(i) < from) {
        skipped += lines.get(i);
      } else {
        records++;
        delivered += lines.get(i);
      }
    }
    return new Segment(path, valid, from, records, delivered, skipped, size - valid, problem);
  }

  /** The bodies of {@code segment}'s records to deliver: whole records from its {@code from} to its {@code bytes}. */
  static List<Buffer> records(Segment segment) throws IOException {
    List<Buffer> bodies = new ArrayList<>();
    read(segment.path(), segment.bytes(), (start, body) -> {
      if (start >= segment.from()) {
        bodies.add(body);
      }
    });
    return bodies;
  }

  private interface Bodies {
    /** A whole record beginning {@code start} bytes into its segment. */
    void body(long start, Buffer body);
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
      bodies.body(start, Buffer.buffer().appendBytes(all, file.position(), length));
      file.position(file.position() + length);
    }
    return file.position();
  }
}
