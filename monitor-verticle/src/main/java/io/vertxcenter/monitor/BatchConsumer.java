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

/**
 * Consumes the server's batches from {@link Addresses#DATA} and replies to each once it is handled:
 * the reply is the acknowledgement the server waits for. Each line not seen before ({@link Dedupe})
 * has its latency recorded ({@link LatencyRecorder}), is shown or summarised ({@link MessagePrinter}),
 * counted ({@link MessageCounts}) and copied to the tap ({@link Tap}). A line whose handling throws
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
  private final LatencyRecorder latency = new LatencyRecorder();
  private final MessageCounts counts = new MessageCounts();
  private final Tap tap;
  private MessageConsumer<Buffer> consumer;
  /** The batch at hand, copied into one array that is reused: batches are big and many. */
  private byte[] batchBytes = new byte[0];

  /** A consumer for the monitor of node {@code nodeId} that shows messages as {@code mode} says. */
  BatchConsumer(Vertx vertx, String nodeId, PrintMode mode) {
    this(vertx, nodeId, new MessagePrinter(mode));
  }

  /** A consumer that shows messages with {@code printer}. */
  BatchConsumer(Vertx vertx, String nodeId, MessagePrinter printer) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.printer = printer;
    this.tap = new Tap(vertx.eventBus());
  }

  /** Starts consuming; completes when the consumer is known cluster-wide. */
  Future<Void> start() {
    vertx.setPeriodic(1_000, id -> second());
    consumer = vertx.eventBus().consumer(Addresses.DATA, this::batch);
    return consumer.completion();
  }

  Future<Void> stop() {
    return consumer.unregister();
  }

  /** What {@code monitor status} shows: the node, the counts, the connections known, the latencies. */
  JsonObject status() {
    assert eventLoop.isCurrent();
    return new JsonObject().put("node", nodeId)
        .mergeIn(counts.toJson())
        .put("connections", dedupe.connections())
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
    long now = DataBatch.nowMicros();
    dedupe.batch(line, now / 1_000);
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
        handle(line);
      } catch (RuntimeException e) {
        counts.failed();
        printer.failed(line.connection(), line.seq(), e);
      }
    }
    counts.batch(accepted, dropped, now / 1_000);
    message.reply(new JsonObject().put("monitor", nodeId).put("accepted", accepted).put("duplicates", dropped));
  }

  /**
   * Shows or summarises, counts and taps the line the reader is at. Its text is decoded only when it
   * is printed, tapped or the last of its kind; a JSON payload is checked on its bytes, without
   * building a tree.
   */
  private void handle(DataBatch.Reader line) {
    ConsoleMessage shown = printer.show(line);
    ConsoleMessage.Kind kind = shown != null
        ? shown.kind()
        : ConsoleMessage.kind(line.bytes(), line.textOffset(), line.textLength());
    counts.line(line, kind, shown != null && shown.cut());
    tap.offer(line, kind);
  }

  private void second() {
    assert eventLoop.isCurrent();
    counts.second();
    tap.second();
    printer.second(counts.summary(latency));
    latency.second();
    dedupe.forgetIdle(System.currentTimeMillis());
  }
}
