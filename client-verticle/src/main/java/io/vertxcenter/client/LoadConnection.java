package io.vertxcenter.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.LineProtocol;
import io.vertxcenter.common.NetFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the load generator: connects, checks the greeting, then writes lines at its
 * share of the rate (or as fast as the socket drains), never past a full write queue. A lost
 * connection is made again after a back-off that doubles up to {@link #MAX_BACKOFF_MS}. Failed
 * connects are counted in {@link LoadStats} (the role reports the server unreachable from there)
 * and logged at debug only; a connection the server closes is logged once.
 *
 * <p>To an acknowledging port ({@link LoadPlan#acknowledged()}) it also reads the server's
 * {@code ACK <n>} lines into an {@link AckWindow}: it sends no new line while the window is full,
 * sends the window again first on each new connection, and, once every line of a limited run is
 * sent, closes only when all are acknowledged (a connection lost before that is made again). A line
 * there that is not a valid {@code ACK} fails the connection with a reason naming the server.
 */
final class LoadConnection {
  private static final Logger LOG = LoggerFactory.getLogger(LoadConnection.class);
  private static final long TICK_MS = 5;
  /** The longest pause between two ticks, in ms, at a rate slower than a line per {@link #TICK_MS}. */
  private static final long MAX_TICK_MS = 1_000;
  private static final int LINES_PER_WRITE = 256;
  /** Lines written in one go before letting the event loop serve others. */
  private static final int LINES_PER_TURN = 4096;
  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;
  /**
   * The longest line read from the server: its greeting and error lines are under 100 bytes. Past
   * it, the peer is not a VertxCenter server, and the connection is closed rather than buffered.
   */
  static final int MAX_REPLY_BYTES = 1024;

  private final Vertx vertx;
  private final NetClient client;
  private final LoadPlan plan;
  private final double linesPerMs;
  private final LoadStats stats;
  private final LineMaker lines;
  private final String name;
  /** The unacknowledged lines, when sending to an acknowledging port; null otherwise. */
  private final AckWindow window;
  private NetSocket socket;
  private long backoffMs = MIN_BACKOFF_MS;
  private long ticker = -1;
  private double credit;
  private long lastTick;
  private boolean stopped;
  /** Every line of a limited run is sent: an acknowledged connection waits for its last ACK, then closes. */
  private boolean allSent;
  /** Sending as fast as the socket drains stopped at a full {@link AckWindow}: the next ACK starts it again. */
  private boolean paused;

  LoadConnection(Vertx vertx, NetClient client, LoadPlan plan, double linesPerSecond, LoadStats stats, String name) {
    this.vertx = vertx;
    this.client = client;
    this.plan = plan;
    this.linesPerMs = linesPerSecond / 1000.0;
    this.stats = stats;
    this.name = name;
    this.lines = new LineMaker(name, plan.size(), plan.jsonShare());
    this.window = plan.acknowledged() ? new AckWindow() : null;
  }

  void connect() {
    client.connect(plan.sendPort(), plan.host()).onComplete(connected -> {
      if (connected.failed()) {
        lost("cannot connect to " + plan.target() + ": " + NetFailure.describe(connected.cause()));
      } else if (stopped) {
        connected.result().close();
      } else {
        greeted(connected.result());
      }
    });
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(ticker);
    if (socket != null) {
      socket.close();
    }
  }

  private void greeted(NetSocket socket) {
    RecordParser replies = RecordParser.newDelimited("\n", socket).maxRecordSize(MAX_REPLY_BYTES);
    // why this socket is closed before it served, for the failure the role reports once (not per retry)
    String[] refused = {null};
    replies.exceptionHandler(error -> {
      refused[0] = error instanceof IllegalStateException // RecordParser: "The current record is too long"
          ? "cannot use " + plan.target() + ": it sent a line over " + MAX_REPLY_BYTES + " bytes, which a VertxCenter server never does"
          : "cannot use " + plan.target() + ": " + error.getMessage();
      LOG.debug("connection {}: {}", name, refused[0]);
      replies.handler(ignored -> { }); // nothing after it is read
      socket.close();
    });
    boolean[] greeted = {false};
    replies.handler(line -> {
      String text = line.toString().trim();
      if (!greeted[0] && text.equals(LineProtocol.GREETING)) {
        greeted[0] = true;
        this.socket = socket;
        stats.connections.incrementAndGet();
        stats.reached();
        if (window == null) {
          backoffMs = MIN_BACKOFF_MS;
        } else {
          resend(socket);
        }
        startWriting();
      } else if (!greeted[0]) {
        refused[0] = "cannot use " + plan.target() + ": it is not a VertxCenter server (it said '" + ControlCharacters.shown(text, 60) + "')";
        LOG.debug("connection {}: {}", name, refused[0]);
        socket.close();
      } else if (window != null) {
        acknowledged(socket, text, refused);
      } else {
        LOG.warn("connection {}: the server said '{}'", name, ControlCharacters.escape(text));
        stats.errors.increment();
      }
    });
    socket.closeHandler(v -> {
      if (this.socket == socket) {
        this.socket = null;
        stats.connections.decrementAndGet();
        vertx.cancelTimer(ticker);
        if (!stopped && refused[0] == null) {
          LOG.warn("connection {}: closed by {}; connecting again", name, plan.target());
        }
      }
      if (!stopped) {
        lost(refused[0] != null ? refused[0] : "connection closed by " + plan.target());
      }
    });
  }

  /** A new connection to the acknowledging port: every unacknowledged line goes first, in order. */
  private void resend(NetSocket out) {
    long again = window.lines();
    window.reconnected().forEach(out::write);
    stats.resent.add(again);
    if (again > 0) {
      LOG.info("connection {}: sending {} unacknowledged lines again", name, again);
    }
  }

  /** A line after the greeting of an acknowledging port: an {@code ACK <n>}, or a reason to close. */
  private void acknowledged(NetSocket from, String text, String[] refused) {
    try {
      long more = window.acknowledge(text);
      stats.acknowledged(more);
      backoffMs = MIN_BACKOFF_MS; // it answers as a server should: a later loss retries quickly
    } catch (IllegalArgumentException notAck) {
      refused[0] = "cannot use " + plan.target() + ": " + notAck.getMessage() + " ('" + ControlCharacters.shown(text, 60) + "')";
      LOG.warn("connection {}: {}; closing it", name, refused[0]);
      from.close();
      return;
    }
    if (allSent && window.lines() == 0) {
      finish(from);
    } else if (paused && socket == from && window.room(plan.size() + 1) > 0) {
      paused = false;
      writeWhileRoom(Integer.MAX_VALUE);
    }
  }

  private void lost(String reason) {
    if (stopped) {
      return;
    }
    stats.errors.increment();
    stats.failed(reason);
    // the role logs once when every connection fails, and once when one connects again
    LOG.debug("connection {}: {}; trying again in {} ms", name, reason, backoffMs);
    vertx.setTimer(backoffMs, id -> {
      if (!stopped) {
        connect();
      }
    });
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }

  private void startWriting() {
    paused = false;
    if (linesPerMs <= 0) {
      writeWhileRoom(Integer.MAX_VALUE);
    } else {
      lastTick = System.nanoTime();
      ticker = vertx.setPeriodic(tickMs(linesPerMs), id -> tick());
    }
  }

  /**
   * How often a paced connection wakes up to send what is due, in ms: every {@link #TICK_MS} ms, or
   * at a slower rate once per line, up to {@link #MAX_TICK_MS}. Each tick counts the time since the
   * last, so the rate is kept either way; at {@code up}'s default of 1 line a second, 200 wake-ups a
   * second on each of 4 connections cost the idle client node ~2 % of a core.
   *
   * @param linesPerMs this connection's share of the rate, lines per ms (> 0)
   */
  static long tickMs(double linesPerMs) {
    return Math.max(TICK_MS, Math.min(MAX_TICK_MS, (long) Math.ceil(1 / linesPerMs)));
  }

  /** Adds the credit earned since the last tick and spends it, never more than a second's worth. */
  private void tick() {
    long now = System.nanoTime();
    credit = Math.min(credit + linesPerMs * (now - lastTick) / 1e6, Math.max(1, linesPerMs * 1000));
    lastTick = now;
    int due = (int) credit;
    credit -= writeWhileRoom(due);
  }

  /**
   * Writes up to {@code wanted} lines while the write queue (and the {@link AckWindow}, if any) has
   * room; returns how many it wrote.
   */
  private int writeWhileRoom(int wanted) {
    NetSocket out = socket;
    int written = 0;
    int limit = Math.min(wanted, LINES_PER_TURN);
    while (out != null && !allSent && written < limit && !out.writeQueueFull()) {
      int room = window == null ? LINES_PER_WRITE : Math.min(LINES_PER_WRITE, window.room(plan.size() + 1));
      if (room == 0) {
        paused = linesPerMs <= 0;
        return written;
      }
      int lines = stats.claim(Math.min(room, limit - written));
      if (lines == 0) {
        allClaimed(out);
        return written;
      }
      Buffer chunk = this.lines.next(lines);
      out.write(chunk);
      if (window != null) {
        window.sent(chunk, lines);
        stats.unacknowledged.add(lines);
      }
      stats.sent.add(lines);
      written += lines;
    }
    if (out != null && !allSent && linesPerMs <= 0) {
      if (out.writeQueueFull()) {
        out.drainHandler(v -> writeWhileRoom(Integer.MAX_VALUE));
      } else {
        vertx.runOnContext(v -> writeWhileRoom(Integer.MAX_VALUE));
      }
    }
    return written;
  }

  /** Every line of the run is taken: close once this connection's lines are acknowledged (at once without acknowledgements). */
  private void allClaimed(NetSocket out) {
    allSent = true;
    vertx.cancelTimer(ticker);
    if (window == null || window.lines() == 0) {
      finish(out);
    }
  }

  /** Flushes what is written and closes: nothing more to send or to wait for. */
  private void finish(NetSocket out) {
    stopped = true;
    out.end();
  }
}
