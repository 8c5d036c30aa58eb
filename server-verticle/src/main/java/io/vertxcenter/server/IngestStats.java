package io.vertxcenter.server;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the TCP server, shared by its ingest instances (each on its own event loop). */
final class IngestStats {
  final AtomicInteger connections = new AtomicInteger();
  final LongAdder received = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder forwarded = new LongAdder();
  final LongAdder resent = new LongAdder();
  final LongAdder acked = new LongAdder();
  /** Lines given up: still unacknowledged when a stop's wait ran out, or in a batch a monitor failed. */
  final LongAdder dropped = new LongAdder();
  /** Connections closed for sending nothing (the idle timeout, or making room for a newcomer). */
  final LongAdder idleClosed = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder invalidUtf8 = new LongAdder();
  private final LongAdder pausedNanos = new LongAdder();
  private final Map<Integer, Long> pausedSince = new ConcurrentHashMap<>();

  void paused(int instance) {
    pausedSince.putIfAbsent(instance, System.nanoTime());
  }

  void resumed(int instance) {
    Long since = pausedSince.remove(instance);
    if (since != null) {
      pausedNanos.add(System.nanoTime() - since);
    }
  }

  /** Time spent with reads paused, summed over instances, including a pause still going on. */
  long pausedMs() {
    long now = System.nanoTime();
    long ongoing = pausedSince.values().stream().mapToLong(since -> now - since).sum();
    return (pausedNanos.sum() + ongoing) / 1_000_000;
  }

  /** The line a server role logs when it stops; tests and operators rely on its form. */
  String finalCounts() {
    return "final counts: received=" + received.sum() + " forwarded=" + forwarded.sum() + " acked=" + acked.sum()
        + " dropped=" + dropped.sum();
  }

  JsonObject toJson() {
    long ackedLines = acked.sum();
    long receivedLines = received.sum();
    return new JsonObject()
        .put("connections", connections.get())
        .put("received", receivedLines)
        .put("bytes", bytes.sum())
        .put("forwarded", forwarded.sum())
        .put("resent", resent.sum())
        .put("acked", ackedLines)
        .put("pending", receivedLines - ackedLines - dropped.sum())
        .put("dropped", dropped.sum())
        .put("idleClosed", idleClosed.sum())
        .put("rejected", rejected.sum())
        .put("invalidUtf8", invalidUtf8.sum())
        .put("paused", !pausedSince.isEmpty())
        .put("pausedMs", pausedMs());
  }
}
