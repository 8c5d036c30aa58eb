package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.LineProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: frames its bytes into lines with a {@link LineFramer}, numbers them, and
 * hands them to the forwarder; it stops and starts reading as its instance's {@link ReadGate} says
 * ({@link #pause()}, {@link #resume()}). A line over the limit gets an error line and the connection
 * is closed; blank lines are skipped. When the stream ends (the client closes or half-closes, the
 * server stops, or the connection is closed for idling), the bytes after the last newline are its
 * last line.
 */
final class IngestConnection {
  private static final Logger LOG = LoggerFactory.getLogger(IngestConnection.class);

  private final String id;
  private final NetSocket socket;
  private final int maxLineBytes;
  private final IngestStats stats;
  private final Forwarder forwarder;
  private final ReadGate gate;
  private final LineFramer framer;
  private long seq;
  /** When the chunk being framed was read: the time received of each of its lines. */
  private long chunkReceivedAtMicros;
  /** Lines framed from the chunk at hand, added to the stats once per chunk. */
  private int chunkLines;
  /** When the last byte came, or reading last resumed (System.nanoTime). */
  private long lastByteNanos = System.nanoTime();
  /** A line over the limit came: nothing more from this connection is forwarded. */
  private boolean refused;
  /** The stream has ended and its last line, if any, is forwarded. */
  private boolean ended;

  IngestConnection(String id, NetSocket socket, int maxLineBytes, IngestStats stats, Forwarder forwarder, ReadGate gate) {
    this.id = id;
    this.socket = socket;
    this.maxLineBytes = maxLineBytes;
    this.stats = stats;
    this.forwarder = forwarder;
    this.gate = gate;
    this.framer = new LineFramer(maxLineBytes + 1, this::line); // + 1: a '\r' before the '\n' still to come
  }

  String id() {
    return id;
  }

  void start() {
    socket.handler(this::chunk);
    socket.write(LineProtocol.GREETING + "\n");
  }

  /**
   * Stops reading the socket: TCP's own buffers hold what the client sends next, and the client
   * blocks once they are full. At most the read under way still arrives. This is the channel's
   * auto-read switch, not {@link NetSocket#pause()}: a paused Vert.x socket keeps reading into its
   * inbound queue (up to ~16 reads of 64 KiB) before it stops the channel, which over hundreds of
   * connections is hundreds of MiB held while no monitor acknowledges.
   */
  void pause() {
    reading(false);
  }

  /** Reads the socket again; the time it was paused does not count as idle. */
  void resume() {
    lastByteNanos = System.nanoTime();
    reading(true);
  }

  /** How long, in ns up to {@code now}, this connection has sent nothing while it was read (0 while paused, or once it ended). */
  long idleNanos(long now) {
    return gate.paused() || ended || refused ? 0 : now - lastByteNanos;
  }

  /** The stream has ended: the bytes after the last newline, if any, are its last line. Once only. */
  void end() {
    if (ended || refused) {
      return;
    }
    chunkReceivedAtMicros = DataBatch.nowMicros();
    chunkLines = 0;
    framer.finish();
    stats.received.add(chunkLines);
    ended = true;
  }

  /** Closes the connection for sending nothing: {@code why} is told to the client and logged. */
  void closeIdle(String why) {
    stats.idleClosed.increment();
    LOG.info("connection {} from {}: {}", id, socket.remoteAddress(), why);
    end();
    socket.end(Buffer.buffer("ERROR " + why + "\n"));
  }

  private void reading(boolean on) {
    ((NetSocketInternal) socket).channelHandlerContext().channel().config().setAutoRead(on);
  }

  private void chunk(Buffer chunk) {
    if (refused || ended) {
      return;
    }
    lastByteNanos = System.nanoTime();
    stats.bytes.add(chunk.length());
    chunkReceivedAtMicros = DataBatch.nowMicros();
    chunkLines = 0;
    boolean withinLimit = framer.handle(chunk);
    stats.received.add(chunkLines);
    if (!withinLimit && !refused) {
      tooLong();
    }
  }

  private void line(byte[] bytes, int offset, int length, boolean ascii) {
    if (refused) {
      return;
    }
    if (length > 0 && bytes[offset + length - 1] == '\r') {
      length--;
    }
    if (length > maxLineBytes) {
      tooLong();
      return;
    }
    Utf8Lines.Checked text = Utf8Lines.check(bytes, offset, length, ascii);
    if (text == null) {
      return;
    }
    if (text.invalid()) {
      stats.invalidUtf8.increment();
    }
    chunkLines++;
    forwarder.add(id, ++seq, chunkReceivedAtMicros, text.utf8(), text.offset(), text.length());
  }

  private void tooLong() {
    refused = true;
    stats.rejected.increment();
    LOG.info("connection {} from {} sent a line over {} bytes: closed", id, socket.remoteAddress(), maxLineBytes);
    socket.end(Buffer.buffer("ERROR line too long (limit " + maxLineBytes + " bytes)\n"));
  }
}
