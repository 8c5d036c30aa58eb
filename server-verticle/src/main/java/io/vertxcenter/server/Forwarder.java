package io.vertxcenter.server;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.OwnerThread;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one ingest instance's lines to the monitor without losing any: lines are gathered into
 * batches (sealed when full or {@link #FLUSH_DELAY_MS} after their first line), each batch is a
 * request to {@link Addresses#DATA} whose reply is the monitor's acknowledgement, and at most
 * {@link #WINDOW} batches are in flight. A batch stays held until it is acknowledged; when one
 * cannot be delivered (no monitor, no reply in time, a monitor that died) every unacknowledged batch
 * is sent again, oldest first, after a back-off, and the monitor drops the lines it has already seen
 * by (connection, seq). Batches go to the monitor that acknowledged last while it answers, and each
 * copy is stamped with its send time, the ack timeout and, when sent again, the resent flag
 * ({@link DataBatch#stamp}), so a monitor that gets a copy too late drops it and one that never saw
 * it marks its lines. A monitor's {@link Failure#UNAVAILABLE} (it cannot write its output) is a
 * failed delivery too: held and sent again. A batch a monitor received and failed otherwise (its
 * reply is another failure) is not sent again, since the same bytes would get the same answer: it
 * is logged and its lines count as dropped, and the stream goes on.
 *
 * <p>Memory is bounded: it tells its {@link ReadGate} how many batches it holds and when deliveries
 * fail and are tried again, and the gate pauses reading the TCP sockets while too much is held or no
 * monitor acknowledges (TCP then pushes back on the clients). Runs on the event loop of its ingest
 * verticle, like the sockets that feed it, so it needs no locks.
 */
final class Forwarder {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
  static final int BATCH_LINES = 2048;
  static final int BATCH_BYTES = 256 * 1024;
  /** The least room a new batch starts with: enough for the few lines of a quiet millisecond. */
  private static final int MIN_BATCH_CAPACITY = 16 * 1024;
  static final long FLUSH_DELAY_MS = 1;
  static final int WINDOW = 8;
  private static final long ACK_TIMEOUT_MS = 5_000;
  private static final long MIN_RETRY_MS = 50;
  private static final long MAX_RETRY_MS = 1_000;

  private static final class HeldBatch {
    final Buffer body;
    final int lines;
    boolean inFlight;
    boolean sentBefore;
    /** Acknowledged, or failed by a monitor: no longer held. */
    boolean done;

    HeldBatch(Buffer body, int lines) {
      this.body = body;
      this.lines = lines;
    }
  }

  private final Vertx vertx;
  private final IngestStats stats;
  private final ReadGate gate;
  /** The event loop it was made on, the only thread that may call it (checked when assertions are on, as in tests). */
  private final OwnerThread eventLoop = new OwnerThread("forwarder");
  private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(ACK_TIMEOUT_MS);
  private final ArrayDeque<HeldBatch> held = new ArrayDeque<>();
  /** The size of the last batch sealed: the next one starts with room for as much, so it seldom grows. */
  private int lastBatchBytes;
  private DataBatch.Writer open = newBatch();
  private long flushTimer = -1;
  private int inFlight;
  private long retryMs = MIN_RETRY_MS;
  private Runnable onDrained;
  /** The monitor that acknowledged last: batches go to it while it answers, else to any ({@link Addresses#DATA}). */
  private String monitor;
  /** The stop's wait ran out: what is held is counted as dropped, and replies are ignored. */
  private boolean givenUp;

  /** A forwarder that counts in {@code stats} and drives {@code gate}, the read gate of the sockets that feed it. */
  Forwarder(Vertx vertx, IngestStats stats, ReadGate gate) {
    this.vertx = vertx;
    this.stats = stats;
    this.gate = gate;
  }

  /** Adds a line whose UTF-8 text is {@code length} bytes of {@code text} at {@code offset}. */
  void add(String connection, long seq, long receivedAtMicros, byte[] text, int offset, int length) {
    assert eventLoop.isCurrent();
    open.add(connection, seq, receivedAtMicros, text, offset, length);
    if (open.lines() >= BATCH_LINES || open.bytes() >= BATCH_BYTES) {
      seal();
    } else if (flushTimer < 0) {
      flushTimer = vertx.setTimer(FLUSH_DELAY_MS, id -> {
        flushTimer = -1;
        seal();
      });
    }
  }

  /** Calls {@code done} once every line added so far is acknowledged (at once if none is held). */
  void whenDrained(Runnable done) {
    assert eventLoop.isCurrent();
    seal();
    onDrained = done;
    checkDrained();
  }

  /** Lines held, not yet acknowledged (the open batch included). */
  int heldLines() {
    return open.lines() + held.stream().filter(batch -> !batch.done).mapToInt(batch -> batch.lines).sum();
  }

  /** Stops delivering: returns the lines still held, which will never be acknowledged. */
  long giveUp() {
    assert eventLoop.isCurrent();
    long lines = heldLines();
    givenUp = true;
    onDrained = null;
    return lines;
  }

  private void seal() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    if (open.lines() == 0) {
      return;
    }
    lastBatchBytes = open.bytes();
    held.add(new HeldBatch(open.finish(), open.lines()));
    open = newBatch();
    gate.held(held.size());
    sendWhatFits();
  }

  private void sendWhatFits() {
    if (gate.recovering()) {
      return;
    }
    for (HeldBatch batch : held) {
      if (inFlight >= WINDOW) {
        return;
      }
      if (!batch.done && !batch.inFlight) {
        send(batch);
      }
    }
  }

  private void send(HeldBatch batch) {
    batch.inFlight = true;
    inFlight++;
    (batch.sentBefore ? stats.resent : stats.forwarded).add(batch.lines);
    DataBatch.stamp(batch.body, batch.sentBefore, (int) ACK_TIMEOUT_MS);
    batch.sentBefore = true;
    String address = monitor == null ? Addresses.DATA : Addresses.data(monitor);
    vertx.eventBus().<Object>request(address, batch.body, options).onComplete(reply -> settled(batch, reply));
  }

  private void settled(HeldBatch batch, AsyncResult<Message<Object>> reply) {
    batch.inFlight = false;
    inFlight--;
    if (givenUp) {
      return;
    }
    if (reply.succeeded()) {
      batch.done = true;
      stats.acked.add(batch.lines);
      monitor = reply.result().body() instanceof JsonObject ack ? ack.getString("monitor") : null;
      retryMs = MIN_RETRY_MS;
      if (gate.delivered()) {
        LOG.info("monitor reached again: delivering {} held lines", heldLines());
      }
    } else if (reply.cause() instanceof ReplyException failed && failed.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && failed.failureCode() != Failure.UNAVAILABLE.code()) {
      batch.done = true;
      stats.dropped.add(batch.lines);
      LOG.error("a monitor failed a batch of {} lines ({} {}): dropped, not sent again; the monitor's log says why",
          batch.lines, failed.failureCode(), failed.getMessage());
    } else {
      monitor = null; // a monitor that does not answer, or cannot take it now: the next send goes to any
      if (gate.deliveryFailed()) {
        LOG.warn("cannot deliver to a monitor ({}): holding {} lines and pausing TCP reads until one acknowledges",
            describe(reply.cause()), heldLines());
      }
    }
    while (!held.isEmpty() && held.peek().done) {
      held.poll();
    }
    gate.held(held.size());
    if (gate.recovering() && inFlight == 0) {
      vertx.setTimer(retryMs, id -> {
        gate.retrying();
        sendWhatFits();
      });
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    } else {
      sendWhatFits();
    }
    checkDrained();
  }

  private void checkDrained() {
    if (onDrained != null && held.isEmpty() && open.lines() == 0) {
      Runnable done = onDrained;
      onDrained = null;
      done.run();
    }
  }

  private DataBatch.Writer newBatch() {
    return new DataBatch.Writer(Math.max(MIN_BATCH_CAPACITY, lastBatchBytes + 1024));
  }

  private static String describe(Throwable cause) {
    if (cause instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return "no monitor node in the cluster; start one with 'center node --roles monitor'";
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return "no acknowledgement within " + ACK_TIMEOUT_MS + " ms";
      }
    }
    return cause.getMessage();
  }
}
