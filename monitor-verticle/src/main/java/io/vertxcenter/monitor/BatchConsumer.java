package io.vertxcenter.monitor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.OwnerThread;
import java.io.IOException;

/**
 * Consumes the server's batches from {@link Addresses#DATA} and from its own
 * {@link Addresses#data(String)}, and replies to each once it is handled and its output written:
 * the reply is the acknowledgement the server waits for. A batch that came after its deadline
 * ({@link Deadline}: the server has meanwhile sent it again, elsewhere perhaps) is dropped unshown,
 * without a reply. Each line not seen before ({@link Dedupe}) has its latency recorded
 * ({@link LatencyRecorder}), is shown or summarised ({@link MessagePrinter}; marked as resent when
 * its batch was sent again), counted ({@link MessageCounts}) and copied to the tap ({@link Tap}).
 * When the output cannot be written the batch is failed with {@link Failure#UNAVAILABLE}, so the
 * server holds it and sends it again, its lines are not counted as seen, and the monitor is
 * {@code degraded} until a write succeeds ({@link OutputHealth}). A line whose handling throws
 * is shown as an error and counted in {@code errors}, and its batch is still acknowledged: one bad
 * line neither stops the stream nor comes back as a duplicate. A batch that cannot be read is failed
 * ({@link Failure#BAD_REQUEST}). Runs on the event loop of the verticle that makes it, like every
 * part it wires (checked when assertions are on, as in tests).
 */
final class BatchConsumer {
  private final OwnerThread eventLoop = new OwnerThread("monitor batch consumer");
  private final Vertx vertx;
  private final String nodeId;
  private final MessagePrinter printer;
  private final Dedupe dedupe = new Dedupe();
  private final Deadline deadline = new Deadline();
  private final OutputHealth output;
  private final LatencyRecorder latency = new LatencyRecorder();
  private final MessageCounts counts = new MessageCounts();
  private final Tap tap;
  private MessageConsumer<Buffer> consumer;
  private MessageConsumer<Buffer> ownConsumer;
  /** The batch at hand, copied into one array that is reused: batches are big and many. */
  private byte[] batchBytes = new byte[0];

  /**
   * A consumer for the monitor of node {@code nodeId} that shows messages with {@code printer},
   * whose console is the monitor's output named {@code outputName} (e.g. "standard output").
   */
  BatchConsumer(Vertx vertx, String nodeId, MessagePrinter printer, String outputName) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.printer = printer;
    this.tap = new Tap(vertx.eventBus());
    this.output = new OutputHealth(vertx, nodeId, outputName);
  }

  /** Starts consuming; completes when the consumer is known cluster-wide. */
  Future<Void> start() {
    vertx.setPeriodic(1_000, id -> second());
    consumer = vertx.eventBus().consumer(Addresses.DATA, this::batch);
    ownConsumer = vertx.eventBus().consumer(Addresses.data(nodeId), this::batch);
    return Future.all(consumer.completion(), ownConsumer.completion()).mapEmpty();
  }

  Future<Void> stop() {
    return Future.all(consumer.unregister(), ownConsumer.unregister()).mapEmpty();
  }

  /**
   * What {@code monitor status} shows: the node, its state ({@code ready}, or {@code degraded} with
   * the reason while it cannot write its output), the counts, {@code failedWrites} (writes of the
   * output that failed; each fails its batch, which the server sends again), the connections and
   * the senders (server JVMs) known, the latencies.
   */
  JsonObject status() {
    assert eventLoop.isCurrent();
    return new JsonObject().put("node", nodeId)
        .mergeIn(output.state().toJson())
        .mergeIn(counts.toJson())
        .put("failedWrites", output.failedWrites())
        .put("connections", dedupe.connections())
        .put("senders", deadline.senders())
        .mergeIn(latency.toJson());
  }

  private void batch(Message<Buffer> message) {
    assert eventLoop.isCurrent();
    Buffer body = message.body();
    if (batchBytes.length < body.length()) {
      batchBytes = new byte[body.length()];
    }
    body.getBytes(0, body.length(), batchBytes, 0);
    DataBatch.Reader line;
    try {
      line = new DataBatch.Reader(batchBytes, body.length());
    } catch (IllegalArgumentException e) {
      message.fail(Failure.BAD_REQUEST.code(), e.getMessage());
      return;
    }
    if (deadline.passed(line, DataBatch.monotonicMicros())) {
      counts.late(line.lines()); // no reply: the server sent this batch again when its wait ran out
      return;
    }
    long now = DataBatch.nowMicros();
    dedupe.batch(line, now / 1_000);
    boolean resent = line.resent();
    counts.batchStarts();
    int accepted = 0;
    int dropped = 0;
    while (line.next()) {
      if (!dedupe.isNew(line)) {
        dropped++;
        continue;
      }
      accepted++;
      latency.record(now - line.receivedAtMicros());
      try {
        handle(line, resent);
      } catch (RuntimeException e) {
        counts.failed();
        printer.failed(line.connection(), line.seq(), e);
      }
    }
    try {
      printer.flush();
    } catch (IOException e) {
      dedupe.forgetBatch();
      counts.discardBatch();
      message.fail(Failure.UNAVAILABLE.code(), output.failed(e));
      return;
    }
    output.written();
    counts.batch(accepted, resent ? accepted : 0, dropped, now / 1_000);
    message.reply(new JsonObject().put("monitor", nodeId).put("accepted", accepted).put("duplicates", dropped));
  }

  /**
   * Shows or summarises, counts and taps the line the reader is at. Its text is decoded only when it
   * is printed, tapped or the last of its kind; a JSON payload is checked on its bytes, without
   * building a tree.
   */
  private void handle(DataBatch.Reader line, boolean resent) {
    ConsoleMessage shown = printer.show(line, resent);
    ConsoleMessage.Kind kind = shown != null
        ? shown.kind()
        : ConsoleMessage.kind(line.bytes(), line.textOffset(), line.textLength());
    counts.line(line, kind, shown != null && shown.cut());
    tap.offer(line, kind, resent);
  }

  private void second() {
    assert eventLoop.isCurrent();
    counts.second();
    tap.second();
    printer.second(counts.summary(latency));
    try {
      printer.flush();
      output.written();
    } catch (IOException e) {
      output.failed(e);
    }
    latency.second();
    dedupe.forgetIdle(System.currentTimeMillis());
    deadline.forgetIdle(DataBatch.monotonicMicros());
  }
}
