package io.vertxcenter.monitor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.Failure;
import java.util.HashMap;
import java.util.Map;

/**
 * Consumes the server's batches from {@link Addresses#DATA}: drops lines it has already handled (by
 * connection and sequence number, so a batch sent again is harmless), counts and shows the rest,
 * copies them to the tap (at most {@link #TAP_PER_SECOND} a second, best effort), and replies to
 * each batch once it is handled: the reply is the acknowledgement the server waits for. A line
 * whose handling throws is shown as an error and counted in {@code errors}, and its batch is still
 * acknowledged: one bad line neither stops the stream nor comes back as a duplicate.
 */
final class BatchConsumer {
  static final int TAP_PER_SECOND = 1_000;
  private static final long LATENCY_WINDOW_SECONDS = 5;
  private static final long FORGET_CONNECTION_MS = 10 * 60_000;

  private final Vertx vertx;
  private final String nodeId;
  private final MessagePrinter printer;
  private final Map<String, SeenSequences> seen = new HashMap<>();
  private LatencyHistogram latency = new LatencyHistogram();
  private LatencyHistogram previousLatency = new LatencyHistogram();
  private final LatencyBuckets latencySinceStart = new LatencyBuckets();
  private MessageConsumer<Buffer> consumer;
  /** The batch at hand, copied into one array that is reused: batches are big and many. */
  private byte[] batchBytes = new byte[0];
  private long messages;
  private long json;
  private long invalidJson;
  private long strings;
  private long duplicates;
  private long cut;
  private long errors;
  private long lastReceivedAt;
  private long thisSecond;
  private long ratePerSec;
  private long tappedThisSecond;
  private long seconds;
  private final LastLine lastString = new LastLine();
  private final LastLine lastJson = new LastLine();

  BatchConsumer(Vertx vertx, String nodeId, PrintMode mode) {
    this(vertx, nodeId, new MessagePrinter(mode));
  }

  /** A consumer that shows messages with {@code printer}. */
  BatchConsumer(Vertx vertx, String nodeId, MessagePrinter printer) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.printer = printer;
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

  JsonObject status() {
    return new JsonObject()
        .put("node", nodeId)
        .put("messages", messages)
        .put("json", json)
        .put("invalidJson", invalidJson)
        .put("strings", strings)
        .put("duplicates", duplicates)
        .put("cut", cut)
        .put("errors", errors)
        .put("connections", seen.size())
        .put("lastReceivedAt", lastReceivedAt == 0 ? null : lastReceivedAt)
        .put("ratePerSec", ratePerSec)
        .put("latencyP50Ms", latency.percentileMs(0.50, previousLatency))
        .put("latencyP99Ms", latency.percentileMs(0.99, previousLatency))
        .put("latencyBuckets", latencySinceStart.toJson());
  }

  private void batch(Message<Buffer> message) {
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
    long nowMillis = now / 1_000;
    SeenSequences[] connections = new SeenSequences[line.connections()];
    int accepted = 0;
    int dropped = 0;
    while (line.next()) {
      SeenSequences connection = connections[line.connectionIndex()];
      if (connection == null) {
        connection = seen.computeIfAbsent(line.connection(), id -> new SeenSequences());
        connection.lastUsedMillis = nowMillis;
        connections[line.connectionIndex()] = connection;
      }
      if (!connection.add(line.seq())) {
        dropped++;
        continue;
      }
      accepted++;
      latency.record(now - line.receivedAtMicros());
      latencySinceStart.record(now - line.receivedAtMicros());
      try {
        show(line);
      } catch (RuntimeException e) {
        errors++;
        printer.failed(line.connection(), line.seq(), e);
      }
    }
    lastString.keepOwnCopy();
    lastJson.keepOwnCopy();
    messages += accepted;
    duplicates += dropped;
    thisSecond += accepted;
    if (accepted > 0) {
      lastReceivedAt = nowMillis;
    }
    message.reply(new JsonObject().put("monitor", nodeId).put("accepted", accepted).put("duplicates", dropped));
  }

  /**
   * Counts and shows the line the reader is at. Its text is decoded only when it is printed, tapped
   * or the last of its kind; a JSON payload is checked on its bytes, without building a tree.
   */
  private void show(DataBatch.Reader line) {
    ConsoleMessage.Kind kind;
    if (printer.showsNext()) {
      ConsoleMessage message = ConsoleMessage.of(line.bytes(), line.textOffset(), line.textLength(),
          ConsoleMessage.MAX_BYTES, ConsoleMessage.MAX_LINES);
      printer.message(message);
      kind = message.kind();
      if (message.cut()) {
        cut++;
      }
    } else {
      kind = ConsoleMessage.kind(line.bytes(), line.textOffset(), line.textLength());
    }
    switch (kind) {
      case STRING -> {
        strings++;
        lastString.set(line);
      }
      case JSON -> {
        json++;
        lastJson.set(line);
      }
      default -> invalidJson++;
    }
    if (tappedThisSecond < TAP_PER_SECOND) {
      tappedThisSecond++;
      vertx.eventBus().publish(Addresses.TAP, new JsonObject().put("text", line.text()).put("kind", kind.wireName())
          .put("connection", line.connection()).put("seq", line.seq()));
    }
  }

  private void second() {
    ratePerSec = thisSecond;
    thisSecond = 0;
    tappedThisSecond = 0;
    printer.second(String.format("%,d msg/s; total %,d: %,d strings, %,d JSON, %,d invalid JSON, %,d duplicates,"
            + " %,d cut, %,d errors; latency p50 %s ms, p99 %s ms; last string: %s; last JSON: %s",
        ratePerSec, messages, strings, json, invalidJson, duplicates, cut, errors,
        latency.percentileMs(0.50, previousLatency), latency.percentileMs(0.99, previousLatency),
        abbreviate(lastString.text()), abbreviate(lastJson.text())));
    if (++seconds % LATENCY_WINDOW_SECONDS == 0) {
      LatencyHistogram oldest = previousLatency;
      previousLatency = latency;
      oldest.clear();
      latency = oldest;
    }
    long forgetBefore = System.currentTimeMillis() - FORGET_CONNECTION_MS;
    seen.values().removeIf(connection -> connection.lastUsedMillis < forgetBefore);
  }

  /** The first 57 chars of {@code text} and "..." if it is longer than 60 (a surrogate pair kept whole), controls escaped. */
  static String abbreviate(String text) {
    if (text.length() > 60) {
      int end = Character.isLowSurrogate(text.charAt(57)) ? 56 : 57;
      text = text.substring(0, end) + "...";
    }
    return ControlCharacters.escape(text);
  }
}
