package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.LineProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: frames its bytes into lines with a {@link LineFramer}, numbers them, and
 * hands them to the forwarder. A line over the limit gets an error line and the connection is
 * closed; blank lines are skipped.
 */
final class IngestConnection {
  private static final Logger LOG = LoggerFactory.getLogger(IngestConnection.class);

  private final String id;
  private final NetSocket socket;
  private final int maxLineBytes;
  private final IngestStats stats;
  private final Forwarder forwarder;
  private final LineFramer framer;
  private long seq;
  /** When the chunk being framed was read: the time received of each of its lines. */
  private long chunkReceivedAtMicros;
  /** Lines framed from the chunk at hand, added to the stats once per chunk. */
  private int chunkLines;
  private boolean closing;

  IngestConnection(String id, NetSocket socket, int maxLineBytes, IngestStats stats, Forwarder forwarder) {
    this.id = id;
    this.socket = socket;
    this.maxLineBytes = maxLineBytes;
    this.stats = stats;
    this.forwarder = forwarder;
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
   * Stops reading the socket. The framer still frames the chunk at hand, so at most one read's
   * worth per connection arrives after a pause; what the client sends next waits in TCP.
   */
  void pause() {
    socket.pause();
  }

  void resume() {
    socket.resume();
  }

  private void chunk(Buffer chunk) {
    if (closing) {
      return;
    }
    stats.bytes.add(chunk.length());
    chunkReceivedAtMicros = DataBatch.nowMicros();
    chunkLines = 0;
    boolean withinLimit = framer.handle(chunk);
    stats.received.add(chunkLines);
    if (!withinLimit && !closing) {
      tooLong();
    }
  }

  private void line(byte[] bytes, int offset, int length, boolean ascii) {
    if (closing) {
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
    closing = true;
    stats.rejected.increment();
    LOG.info("connection {} from {} sent a line over {} bytes: closed", id, socket.remoteAddress(), maxLineBytes);
    socket.end(Buffer.buffer("ERROR line too long (limit " + maxLineBytes + " bytes)\n"));
  }
}
