package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;
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
 *
 * <p>A connection of the ack port also acknowledges: {@code ACK <n>\n}, n the number of its lines
 * (non-blank, numbered from 1) durable at the server's level, whenever its instance asks
 * ({@link #acknowledge()}, every {@link TcpIngestVerticle#ACK_INTERVAL_MS} ms) and n grew; after the
 * client half-closes its output, a last {@code ACK} once all its lines are durable, then the close.
 */
final class IngestConnection implements Forwarder.Source {
  private static final Logger LOG = LoggerFactory.getLogger(IngestConnection.class);

  private final String id;
  private final NetSocket socket;
  private final ChannelSwitches channel;
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
  /** A line over the limit came, or lines of this ack-port connection were lost: nothing more from it is forwarded nor acknowledged. */
  private boolean refused;
  /** The stream has ended and its last line, if any, is forwarded. */
  private boolean ended;
  /** A connection of the ack port. */
  private final boolean acking;
  /** The highest seq durable at the server's level. */
  private long durableSeq;
  /** The n of the last ACK written. */
  private long ackedSeq;

  /**
   * @param acking whether this is a connection of the ack port, which acknowledges its durable lines
   */
  IngestConnection(String id, NetSocket socket, int maxLineBytes, IngestStats stats, Forwarder forwarder, ReadGate gate,
                   boolean acking) {
    this.id = id;
    this.acking = acking;
    this.socket = socket;
    this.channel = new ChannelSwitches(socket);
    this.maxLineBytes = maxLineBytes;
    this.stats = stats;
    this.forwarder = forwarder;
    this.gate = gate;
    this.framer = new LineFramer(maxLineBytes + 1, this::line); // + 1: a '\r' before the '\n' still to come
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * A batch with lines of this connection was dropped: an ack-port client gets its last {@code ACK},
   * an {@code ERROR} line saying from which line on to send again, and the close (its client
   * reconnects and sends the unacknowledged lines again); a plain connection goes on (its client
   * gets no acknowledgements anyway).
   */
  @Override
  public void lost() {
    if (!acking || refused) {
      return;
    }
    acknowledge();
    refused = true;
    LOG.warn("connection {} from {}: a monitor failed a batch with its lines after {}: closed, so that its client sends "
        + "them again", id, socket.remoteAddress(), durableSeq);
    socket.end(Buffer.buffer("ERROR a monitor failed lines after " + durableSeq + " (durability none: nothing kept them): "
        + "send them again\n"));
  }

  @Override
  public void durable(long seq) {
    durableSeq = Math.max(durableSeq, seq);
    if (acking && ended && durableSeq == this.seq) {
      acknowledge();
    }
  }

  /** Whether this is a connection of the ack port. */
  boolean acking() {
    return acking;
  }

  /**
   * Writes {@code ACK <n>} when more lines are durable than the last ACK said; after the client's
   * half-close (or the server's stop), once all its lines are durable, the last one and the close.
   */
  void acknowledge() {
    if (!acking || refused) {
      return;
    }
    boolean last = ended && durableSeq == seq;
    if (durableSeq > ackedSeq || (last && ackedSeq == 0)) {
      ackedSeq = durableSeq;
      socket.write("ACK " + durableSeq + "\n");
    }
    if (last) {
      socket.close();
    }
  }

  void start() {
    socket.handler(this::chunk);
    if (acking) {
      // the client half-closes its output when it is done, and waits for the last ACK
      channel.keepOpenAfterInput(() -> {
        end();
        acknowledge();
      });
    }
    socket.write(LineProtocol.GREETING + "\n");
  }

  /**
   * The stopping server has read what the kernel held for it: its stream ends here, and it closes.
   * A plain connection's bytes after its last newline are its last line, as at any end. An ack-port
   * connection's are not: the client had not finished that line (the rest is still on its way), it
   * is beyond the last {@code ACK}, and the client sends it again; the connection closes once all its
   * lines are durable, after its last {@code ACK}.
   */
  void endForStop() {
    if (acking) {
      ended = true;
      acknowledge();
    } else {
      end();
      socket.close();
    }
  }

  /** Whether the stream has ended (or the connection was refused). */
  boolean ended() {
    return ended || refused;
  }

  /**
   * Stops reading the socket: TCP's own buffers hold what the client sends next, and the client
   * blocks once they are full. At most the read under way still arrives ({@link ChannelSwitches}
   * says why this is not {@link NetSocket#pause()}).
   */
  void pause() {
    channel.reading(false);
  }

  /** Reads the socket again; the time it was paused does not count as idle. */
  void resume() {
    lastByteNanos = System.nanoTime();
    channel.reading(true);
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
    forwarder.add(this, ++seq, chunkReceivedAtMicros, text.utf8(), text.offset(), text.length());
  }

  private void tooLong() {
    refused = true;
    stats.rejected.increment();
    LOG.info("connection {} from {} sent a line over {} bytes: closed", id, socket.remoteAddress(), maxLineBytes);
    socket.end(Buffer.buffer("ERROR line too long (limit " + maxLineBytes + " bytes)\n"));
  }
}
