package io.vertxcenter.server;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the TCP server, shared by its ingest instances (each on its own event loop). Whether
 * reads are paused, and for how long they were, it asks the instances' {@link ReadGate}s.
 */
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
  /** The read gates of the running ingest instances; guarded by this. */
  private final Set<ReadGate> gates = new HashSet<>();
  /** The paused time of the instances that stopped, in ns; guarded by this. */
  private long stoppedPausedNanos;

  /** Counts {@code gate}'s pauses from now on, until {@link #retire}. */
  synchronized void watch(ReadGate gate) {
    gates.add(gate);
  }

  /** {@code gate}'s instance has stopped: its paused time is kept, up to now, and it no longer counts as paused. */
  synchronized void retire(ReadGate gate) {
    if (gates.remove(gate)) {
      stoppedPausedNanos += gate.pausedNanos(System.nanoTime());
    }
  }

  /** Whether any running instance has its reads paused. */
  synchronized boolean paused() {
    return gates.stream().anyMatch(ReadGate::paused);
  }

  /** Time spent with reads paused in ms, summed over instances, including a pause still going on. */
  synchronized long pausedMs() {
    long now = System.nanoTime();
    return (stoppedPausedNanos + gates.stream().mapToLong(gate -> gate.pausedNanos(now)).sum()) / 1_000_000;
  }

  /**
   * The line a server role logs when it stops; tests and operators rely on its form. {@code replayed}
   * is how many lines this run delivered from the log a previous run left ({@link LogSpace}): they
   * were never received by this run, so a planned stop lost nothing when acked = received + replayed
   * and dropped = 0.
   */
  String finalCounts(long replayed) {
    return "final counts: received=" + received.sum() + " forwarded=" + forwarded.sum() + " acked=" + acked.sum()
        + " dropped=" + dropped.sum() + " replayed=" + replayed;
  }

  /** The counts as JSON; {@code pending} (lines held, not yet acknowledged) includes the {@code replayed} lines of a previous run's log. */
  JsonObject toJson(long replayed) {
    long ackedLines = acked.sum();
    long receivedLines = received.sum() + replayed;
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
        .put("paused", paused())
        .put("pausedMs", pausedMs());
  }
}
