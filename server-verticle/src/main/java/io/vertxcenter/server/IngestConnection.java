package io.vertxcenter.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.LineProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: frames its bytes into lines with a {@link RecordParser} on {@code \n},
 * numbers them, and hands them to the forwarder. A line over the limit gets an error line and the
 * connection is closed; blank lines are skipped.
 *
 * <p>The parser is fed by hand rather than bound to the socket, because its own size limit counts
 * complete lines still buffered while reading is paused. Here the limit applies to the bytes after
 * the last newline seen, which is what an unterminated line is.
 */
final class IngestConnection {
  private static final Logger LOG = LoggerFactory.getLogger(IngestConnection.class);

  private final String id;
  private final NetSocket socket;
  private final int maxLineBytes;
  private final IngestStats stats;
  private final Forwarder forwarder;
  private final RecordParser parser = RecordParser.newDelimited("\n");
  private long seq;
  private long unterminatedBytes;
  /** When the chunk being framed was read: the time received of each of its lines. */
  private long chunkReceivedAtMicros;
  private boolean closing;

  IngestConnection(String id, NetSocket socket, int maxLineBytes, IngestStats stats, Forwarder forwarder) {
    this.id = id;
    this.socket = socket;
    this.maxLineBytes = maxLineBytes;
    this.stats = stats;
    this.forwarder = forwarder;
  }

  String id() {
    return id;
  }

  void start() {
    parser.handler(this::line);
    socket.handler(this::chunk);
    socket.write(LineProtocol.GREETING + "\n");
  }

  /**
   * Stops reading the socket. The parser still frames the chunk at hand, so at most one read's
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
    int lastNewline = lastNewline(chunk);
    unterminatedBytes = lastNewline < 0 ? unterminatedBytes + chunk.length() : chunk.length() - lastNewline - 1;
    if (unterminatedBytes > maxLineBytes + 1) { // + 1: a '\r' before the '\n' still to come
      if (lastNewline >= 0) {
        parser.handle(chunk.slice(0, lastNewline + 1)); // the complete lines before it still count
      }
      tooLong();
      return;
    }
    parser.handle(chunk);
  }

  private void line(Buffer line) {
    if (closing) {
      return;
    }
    int length = line.length();
    if (length > 0 && line.getByte(length - 1) == '\r') {
      length--;
    }
    if (length > maxLineBytes) {
      tooLong();
      return;
    }
    Utf8Lines.Checked text = Utf8Lines.check(line, length);
    if (text == null) {
      return;
    }
    if (text.invalid()) {
      stats.invalidUtf8.increment();
    }
    stats.received.increment();
    forwarder.add(id, ++seq, chunkReceivedAtMicros, text.utf8(), text.length());
  }

  private void tooLong() {
    closing = true;
    stats.rejected.increment();
    LOG.info("connection {} from {} sent a line over {} bytes: closed", id, socket.remoteAddress(), maxLineBytes);
    socket.end(Buffer.buffer("ERROR line too long (limit " + maxLineBytes + " bytes)\n"));
  }

  private static int lastNewline(Buffer chunk) {
    for (int i = chunk.length() - 1; i >= 0; i--) {
      if (chunk.getByte(i) == '\n') {
        return i;
      }
    }
    return -1;
  }
}
