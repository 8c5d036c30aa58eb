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
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * failed delivery too: held and sent again. A batch a monitor received and refused (another failure
 * code, e.g. an older monitor's 400 "not a data batch") is, with a log, held too and sent again
 * after a back-off (to any monitor; the node is {@code degraded} with the reason meanwhile), and it
 * stays in the log for the next start: refused is never settled. Without a log there is nowhere to
 * keep it: it is logged, its lines count as dropped, its sources are told they lost lines (an
 * ack-port client never gets them acknowledged), and the stream goes on.
 *
 * <p>With a data log ({@link DataLog}, durability {@code write} or {@code fsync}), each sealed batch
 * is appended to it before it is sent, and its record is settled once acknowledged; what is never
 * acknowledged stays in the log for the next start ({@link #replay}). Its sources (connections) are
 * told, in seal order, how many of their lines are durable: once logged (forced, with {@code fsync}),
 * or without a log once acknowledged; the ack port writes that back to its clients.
 *
 * <p>Memory is bounded: it owns its delivery state (the batches it holds, whether it backs off after
 * a failed delivery, whether its log is blocked) and tells its {@link ReadGate} each change; the
 * gate pauses reading the TCP sockets while too much is held, no monitor acknowledges or the log
 * takes nothing (TCP then pushes back on the clients). Runs on the event loop of its ingest
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
  private static final long WRITE_RETRY_MS = 500;
  /** A problem that comes back (the log's writes fail again) is logged at most once per this. */
  static final long REPEAT_LOG_MS = 60_000;

  /** Where lines come from (a connection): told how many of its lines are durable. */
  interface Source {
    /** The connection id the lines carry. */
    String id();

    /** Every line of this source up to {@code seq} is durable at the server's level (a no-op for most). */
    void durable(long seq);

    /**
     * Lines of this source after the last {@code seq} told {@link #durable} were given up (a monitor
     * failed their batch, without a log): none of them or after them may be acknowledged, whatever
     * {@link #durable} says later (it goes on for the lines of later batches).
     */
    void lost();
  }

  private static final class HeldBatch {
    final Buffer body;
    final int lines;
    /** The last seq of each source in the batch, in order; empty for a batch replayed from the log. */
    final List<Source> sources;
    final long[] lastSeqs;
    /** The log segment holding it, or null without a log. */
    DataLog.Segment segment;
    /** Its record's number in this instance's log; 0 without a log. */
    long record;
    /** When it was sealed (or adopted from a previous run's log), epoch ms. */
    final long sealedAtMillis = System.currentTimeMillis();
    boolean inFlight;
    boolean sentBefore;
    /** Acknowledged by a monitor. */
    boolean acked;
    /** Failed by a monitor and given up (only without a log): its lines are lost. */
    boolean dropped;
    /** A monitor refused it (a failure other than {@link Failure#UNAVAILABLE}) and it has not been acknowledged since. */
    boolean refused;

    /** No longer held. */
    boolean done() {
      return acked || dropped;
    }

    HeldBatch(Buffer body, int lines, List<Source> sources, long[] lastSeqs) {
      this.body = body;
      this.lines = lines;
      this.sources = sources;
      this.lastSeqs = lastSeqs;
    }
  }

  private final Vertx vertx;
  private final IngestStats stats;
  private final ReadGate gate;
  /** The event loop it was made on, the only thread that may call it (checked when assertions are on, as in tests). */
  private final OwnerThread eventLoop = new OwnerThread("forwarder");
  private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(ACK_TIMEOUT_MS);
  private final ArrayDeque<HeldBatch> held = new ArrayDeque<>();
  /** Sealed batches not yet in the log (it could not be written): forwarded once they are. */
  private final ArrayDeque<HeldBatch> unwritten = new ArrayDeque<>();
  /** Batches whose sources are still to be told they are durable, in seal order. */
  private final ArrayDeque<HeldBatch> notDurable = new ArrayDeque<>();
  /** The sources of the open batch and the last seq of each, in order. */
  private List<Source> openSources = new ArrayList<>();
  private long[] openSeqs = new long[8];
  private final LogSpace space;
  /** This instance's write-ahead log, or null with durability {@code none}. */
  private final DataLog log;
  /** The number of the last record durable at the log's level. */
  private long durableRecord;
  private long writeRetry = -1;
  /** The last append failed: the log's write failure is reported until one succeeds. */
  private boolean writeFailed;
  /** Failures of the log's writes, logged at most once a minute: a disk that stays nearly full fails every retry. */
  private final QuietRepeats writeFailures = new QuietRepeats(REPEAT_LOG_MS);
  /** The ongoing write failure was logged, so its end is logged too. */
  private boolean writeFailureLogged;
  /** The seal time of the oldest batch held, as last told to the log space (0: none held). */
  private long oldestTold;
  /** The size of the last batch sealed: the next one starts with room for as much, so it seldom grows. */
  private int lastBatchBytes;
  private DataBatch.Writer open = newBatch();
  private long flushTimer = -1;
  private int inFlight;
  private long retryMs = MIN_RETRY_MS;
  private Runnable onDrained;
  private Runnable onBatchOpened = () -> { };
  /** The monitor that acknowledged last: batches go to it while it answers, else to any ({@link Addresses#DATA}). */
  private String monitor;
  /** Held batches a monitor refused and none acknowledged since: while there are, the node is degraded. */
  private int refusedHeld;
  /** The stop's wait ran out: what is held is counted as dropped, and replies are ignored. */
  private boolean givenUp;
  /** A delivery failed and it backs off before sending again: it sends nothing, and reads pause. */
  private boolean recovering;
  /** A delivery failed and none was acknowledged since: an outage, logged once when it begins and once when it ends. */
  private boolean outage;
  /** The node's data log is full, stopped, or this forwarder's batches cannot be written to it: reads pause. */
  private boolean logBlocked;

  /** A forwarder without a log that counts in {@code stats} and tells {@code gate}, the read gate of the sockets that feed it, its state. */
  Forwarder(Vertx vertx, IngestStats stats, ReadGate gate) {
    this(vertx, stats, gate, new LogSpace(LogSettings.NONE), null);
  }

  /**
   * A forwarder that appends each batch to its own log in {@code space} (none when
   * {@code space}'s durability is {@code none}) named {@code stream}, before it forwards it.
   */
  Forwarder(Vertx vertx, IngestStats stats, ReadGate gate, LogSpace space, String stream) {
    this.vertx = vertx;
    this.stats = stats;
    this.gate = gate;
    this.space = space;
    this.log = space.settings().logs() ? new DataLog(vertx, space, stream, this::durableUpTo) : null;
  }

  /** Adds a line of {@code source} whose UTF-8 text is {@code length} bytes of {@code text} at {@code offset}. */
  void add(Source source, long seq, long receivedAtMicros, byte[] text, int offset, int length) {
    assert eventLoop.isCurrent();
    open.add(source.id(), seq, receivedAtMicros, text, offset, length);
    if (open.lines() == 1) {
      onBatchOpened.run();
    }
    int last = openSources.size() - 1;
    if (last < 0 || openSources.get(last) != source) {
      openSources.add(source);
      last++;
      if (last == openSeqs.length) {
        openSeqs = Arrays.copyOf(openSeqs, last * 2);
      }
    }
    openSeqs[last] = seq;
    if (open.lines() >= BATCH_LINES || open.bytes() >= BATCH_BYTES) {
      seal();
    } else if (flushTimer < 0) {
      flushTimer = vertx.setTimer(FLUSH_DELAY_MS, id -> {
        flushTimer = -1;
        seal();
      });
    }
  }

  /** Runs {@code opened} on the event loop whenever a line starts a new batch (the forwarder held none open). */
  void onBatchOpened(Runnable opened) {
    onBatchOpened = opened;
  }

  /** Calls {@code done} once every line added so far is acknowledged (at once if none is held). */
  void whenDrained(Runnable done) {
    assert eventLoop.isCurrent();
    seal();
    onDrained = done;
    checkDrained();
  }

  /** Lines held, not yet acknowledged (the open batch and the batches not yet logged included). */
  int heldLines() {
    return open.lines() + lines(unwritten) + lines(held);
  }

  /**
   * Takes batches a previous run left in the log ({@code bodies}, the records of {@code segment}) to
   * deliver again, as resends: their lines carry the ids and seqs they were first sent with.
   */
  void replay(List<Buffer> bodies, LogFiles.Segment segment) {
    assert eventLoop.isCurrent();
    DataLog.Segment adopted = log.adopt(segment);
    for (Buffer body : bodies) {
      HeldBatch batch = new HeldBatch(body, DataBatch.lineCount(body), List.of(), null);
      batch.segment = adopted;
      batch.sentBefore = true;
      held.add(batch);
      space.replayed.add(batch.lines);
    }
    tellGate();
    tellOldest();
    sendWhatFits();
  }

  /** Whether every batch of {@code segment} replayed so far is settled. */
  boolean replayDone(LogFiles.Segment segment) {
    return held.stream().noneMatch(batch -> batch.segment != null && batch.segment.path.equals(segment.path()));
  }

  /**
   * Stops delivering and closes the log: returns the lines that are lost, those held in memory only
   * (all of them without a log; with one, what was not yet written to it). Logged lines stay in the
   * log, for the next start to deliver.
   */
  long giveUp() {
    assert eventLoop.isCurrent();
    long lines = log == null ? heldLines() : open.lines() + lines(unwritten);
    givenUp = true;
    onDrained = null;
    space.oldestHeld(this, 0);
    close();
    return lines;
  }

  /** Lines in the log not yet acknowledged, which the next start delivers. */
  long loggedLines() {
    return log == null ? 0 : lines(held);
  }

  /** Closes the log (after a drain, or a give-up); segments with unacknowledged records stay. */
  void close() {
    if (writeRetry >= 0) {
      vertx.cancelTimer(writeRetry);
    }
    space.writeFailure(this, null);
    space.refused(this, null);
    if (log != null) {
      log.close();
    }
  }

  /** Pauses or resumes reads for the log's sake: the node's log is full, cannot be written, or failed a force. */
  void checkLog() {
    logBlocked = space.full() || space.stopped() || !unwritten.isEmpty();
    tellGate();
  }

  /** Tells the read gate what it holds and whether it can send and log. */
  private void tellGate() {
    gate.follow(held.size() + unwritten.size(), recovering, logBlocked);
  }

  private static int lines(ArrayDeque<HeldBatch> batches) {
    int lines = 0;
    for (HeldBatch batch : batches) {
      lines += batch.done() ? 0 : batch.lines;
    }
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
    int count = openSources.size();
    HeldBatch batch = new HeldBatch(open.finish(), open.lines(), openSources, Arrays.copyOf(openSeqs, count));
    openSources = new ArrayList<>(Math.max(4, count));
    open = newBatch();
    notDurable.add(batch);
    if (log == null) {
      held.add(batch);
    } else {
      unwritten.add(batch);
      writeOut();
    }
    tellGate();
    tellOldest();
    sendWhatFits();
  }

  /** Tells the log space when the oldest batch still held was sealed, when that changed. */
  private void tellOldest() {
    HeldBatch oldest = held.isEmpty() ? unwritten.peek() : held.peek();
    long since = oldest == null ? 0 : oldest.sealedAtMillis;
    if (since != oldestTold) {
      oldestTold = since;
      space.oldestHeld(this, since);
    }
  }

  /**
   * Appends the batches not yet logged, in order, and holds them for delivery. When the log cannot
   * be written (a full disk), reads pause, the node is degraded with the reason, and the append is
   * tried again every {@link #WRITE_RETRY_MS} ms: nothing is dropped. Then tells the sources what is durable.
   */
  private void writeOut() {
    appendUnwritten();
    // here, not only from the log's callback: with write that comes inside append, before the batch knows its record
    tellDurable();
  }

  private void appendUnwritten() {
    while (!unwritten.isEmpty()) {
      HeldBatch batch = unwritten.peek();
      try {
        batch.segment = log.append(batch.body);
        batch.record = log.appended();
      } catch (IOException e) {
        if (writeRetry < 0) {
          if (!writeFailed) {
            String repeats = writeFailures.occurred();
            writeFailureLogged = repeats != null;
            if (writeFailureLogged) {
              LOG.error("cannot write the data log ({}): holding {} lines, TCP reads paused; retrying every {} ms{}",
                  e.getMessage(), heldLines(), WRITE_RETRY_MS, repeats);
            }
          }
          writeFailed = true;
          space.writeFailure(this, e.getMessage());
          checkLog();
          writeRetry = vertx.setTimer(WRITE_RETRY_MS, id -> {
            writeRetry = -1;
            writeOut();
            sendWhatFits();
          });
        }
        return;
      }
      unwritten.poll();
      held.add(batch);
    }
    if (writeFailed) {
      writeFailed = false;
      if (writeFailureLogged) {
        LOG.info("the data log is written again");
      }
      space.writeFailure(this, null);
    }
    checkLog();
  }

  /** Records up to {@code record} are durable at the log's level: tells their sources. */
  private void durableUpTo(long record) {
    durableRecord = Math.max(durableRecord, record);
    tellDurable();
  }

  /**
   * Tells the sources of each batch, in seal order, once it is durable: logged at the log's level,
   * or acknowledged by a monitor. A dropped batch is never durable: its sources are told they lost lines.
   */
  private void tellDurable() {
    while (!notDurable.isEmpty()) {
      HeldBatch batch = notDurable.peek();
      if (batch.dropped) {
        notDurable.poll();
        batch.sources.forEach(Source::lost);
        continue;
      }
      boolean durable = batch.acked || (batch.record > 0 && batch.record <= durableRecord);
      if (!durable) {
        return;
      }
      notDurable.poll();
      for (int i = 0; i < batch.sources.size(); i++) {
        batch.sources.get(i).durable(batch.lastSeqs[i]);
      }
    }
  }

  private void sendWhatFits() {
    if (recovering) {
      return;
    }
    for (HeldBatch batch : held) {
      if (inFlight >= WINDOW) {
        return;
      }
      if (!batch.done() && !batch.inFlight) {
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
    String refusal = refusal(reply);
    if (reply.succeeded()) {
      batch.acked = true;
      if (batch.refused) {
        batch.refused = false;
        if (--refusedHeld == 0) {
          space.refused(this, null);
        }
      }
      settle(batch);
      stats.acked.add(batch.lines);
      monitor = reply.result().body() instanceof JsonObject ack ? ack.getString("monitor") : null;
      retryMs = MIN_RETRY_MS;
      if (outage) {
        outage = false;
        LOG.info("monitor reached again: delivering {} held lines", heldLines());
      }
    } else if (refusal != null && log == null) {
      batch.dropped = true;
      stats.dropped.add(batch.lines);
      LOG.error("a monitor failed a batch of {} lines ({}): dropped, not sent again (durability none: no log keeps it), "
          + "and not acknowledged to ack-port clients; the monitor's log says why", batch.lines, refusal);
    } else {
      // a monitor that does not answer, cannot take it now, or refuses it (with a log: it stays there,
      // for another monitor or the next start): held, and the next send after a back-off goes to any
      monitor = null;
      if (refusal != null) {
        if (!batch.refused) {
          batch.refused = true;
          refusedHeld++;
        }
        space.refused(this, refusal);
      }
      recovering = true;
      if (!outage) {
        outage = true;
        if (refusal != null) {
          LOG.error("the monitor refuses our batches ({}): holding {} lines in the data log, sending them again after a "
              + "back-off, TCP reads paused; the monitor's log says why", refusal, heldLines());
        } else {
          LOG.warn("cannot deliver to a monitor ({}): holding {} lines and pausing TCP reads until one acknowledges",
              describe(reply.cause()), heldLines());
        }
      }
    }
    while (!held.isEmpty() && held.peek().done()) {
      held.poll();
    }
    tellGate();
    tellOldest();
    tellDurable();
    if (recovering && inFlight == 0) {
      vertx.setTimer(retryMs, id -> {
        recovering = false;
        tellGate();
        sendWhatFits();
      });
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    } else {
      sendWhatFits();
    }
    checkDrained();
  }

  /** A monitor's failure of a batch other than {@link Failure#UNAVAILABLE} (code and message), or null. */
  private static String refusal(AsyncResult<Message<Object>> reply) {
    if (reply.cause() instanceof ReplyException failed && failed.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && failed.failureCode() != Failure.UNAVAILABLE.code()) {
      return failed.failureCode() + " " + failed.getMessage();
    }
    return null;
  }

  private void settle(HeldBatch batch) {
    if (batch.segment != null) {
      log.settled(batch.segment, batch.record);
    }
  }

  private void checkDrained() {
    if (onDrained != null && held.isEmpty() && unwritten.isEmpty() && open.lines() == 0) {
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
