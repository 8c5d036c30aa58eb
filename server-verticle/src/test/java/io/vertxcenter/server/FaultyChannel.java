package io.vertxcenter.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real segment file's channel that fails as a sick disk does, when a test says so: writes past a
 * budget of bytes (the one that reaches it writes what fits, the next ones fail with ENOSPC's
 * message), a truncate, the next forces. Any thread.
 */
final class FaultyChannel extends FileChannel {
  private final FileChannel file;
  /** Bytes the writes may still put in. */
  volatile long writeBudget = Long.MAX_VALUE;
  volatile boolean failTruncate;
  /** Forces still to fail. */
  final AtomicInteger failForces = new AtomicInteger();

  /** A new segment file at {@code path}, open for writing. */
  FaultyChannel(Path path) throws IOException {
    this(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  /** Wraps {@code file}. */
  FaultyChannel(FileChannel file) {
    this.file = file;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (writeBudget <= 0) {
      throw new IOException("No space left on device");
    }
    long written = 0;
    for (int i = offset; i < offset + length && writeBudget > 0; i++) {
      ByteBuffer part = srcs[i].duplicate();
      part.limit(part.position() + (int) Math.min(part.remaining(), writeBudget));
      int n = file.write(part);
      srcs[i].position(srcs[i].position() + n);
      writeBudget -= n;
      written += n;
    }
    return written;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return (int) write(new ByteBuffer[] {src}, 0, 1);
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    if (failTruncate) {
      throw new IOException("Input/output error");
    }
    file.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (failForces.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      throw new IOException("Input/output error");
    }
    file.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return file.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return file.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    return file.write(src, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return file.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return file.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return file.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
