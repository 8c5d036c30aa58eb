package io.vertxcenter.monitor;

import io.vertxcenter.common.DataBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which lines the monitor has already handled, by (connection, seq): a batch the server sends again
 * (its acknowledgement was lost, or came too late) is harmless, its lines dropped as duplicates. A
 * connection's numbers are forgotten once no line of it came for {@link #FORGET_CONNECTION_MS}.
 * Runs on the monitor's event loop.
 */
final class Dedupe {
  static final long FORGET_CONNECTION_MS = 10 * 60_000;

  private final Map<String, SeenSequences> seen = new HashMap<>();
  /** The seen numbers of the batch's connections, by their index in the batch: looked up once per batch. */
  private SeenSequences[] batchConnections = new SeenSequences[0];
  private long batchMillis;

  /** Starts reading {@code batch}, which came at {@code nowMillis} (epoch ms). */
  void batch(DataBatch.Reader batch, long nowMillis) {
    int connections = batch.connections();
    if (batchConnections.length < connections) {
      batchConnections = new SeenSequences[connections];
    } else {
      Arrays.fill(batchConnections, 0, connections, null);
    }
    batchMillis = nowMillis;
  }

  /** Whether the line {@code batch} is at was not seen before; it counts as seen from now on. */
  boolean isNew(DataBatch.Reader batch) {
    SeenSequences connection = batchConnections[batch.connectionIndex()];
    if (connection == null) { // once per connection and batch: out of line, so the JIT inlines the rest
      connection = firstOfConnection(batch);
    }
    return connection.add(batch.seq());
  }

  private SeenSequences firstOfConnection(DataBatch.Reader batch) {
    SeenSequences connection = seen.computeIfAbsent(batch.connection(), id -> new SeenSequences());
    connection.lastUsedMillis = batchMillis;
    batchConnections[batch.connectionIndex()] = connection;
    return connection;
  }

  /** The connections whose numbers are kept. */
  int connections() {
    return seen.size();
  }

  /** Forgets the connections with no line since {@link #FORGET_CONNECTION_MS} before {@code nowMillis} (epoch ms). */
  void forgetIdle(long nowMillis) {
    long before = nowMillis - FORGET_CONNECTION_MS;
    seen.values().removeIf(connection -> connection.lastUsedMillis < before);
  }
}
