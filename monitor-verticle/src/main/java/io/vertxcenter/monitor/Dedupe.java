package io.vertxcenter.monitor;

import io.vertxcenter.common.DataBatch;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which lines the monitor has already handled, by (connection, seq): a batch the server sends again
 * (its acknowledgement was lost, or came too late) is harmless, its lines dropped as duplicates.
 *
 * <p>Memory is bounded by live sources, not by connections ever seen: a connection's numbers are
 * forgotten once no line of it came for {@link #FORGET_CONNECTION_MS}, and at most
 * {@link #MAX_CONNECTIONS} are kept (past that, the one unheard of longest is forgotten). Forgetting
 * never makes a line show twice unmarked: only a copy sent again can repeat a line, and a server
 * marks every such copy ({@link DataBatch.Reader#resent()}), whose lines the monitor shows marked
 * when it does not know them. A server sends again only after its ack timeout (5 s) and a back-off
 * of at most 1 s, so 60 s idle leaves a wide margin. Keys are the servers' connection ids, which
 * stay unique across a server's restarts. Runs on the monitor's event loop.
 */
final class Dedupe {
  static final long FORGET_CONNECTION_MS = 60_000;
  /** As many as one server lets be open at once (its {@code maxConnections} at most). */
  static final int MAX_CONNECTIONS = 100_000;

  private final int maxConnections;
  private final Map<String, SeenSequences> seen;
  /** The seen numbers of the batch's connections, by their index in the batch: looked up once per batch. */
  private SeenSequences[] batchConnections = new SeenSequences[0];
  private String[] batchIds = new String[0];
  private int batchConnectionCount;
  private long batchMillis;

  Dedupe() {
    this(MAX_CONNECTIONS);
  }

  /** Keeps the numbers of at most {@code maxConnections} (1 or more) connections. */
  Dedupe(int maxConnections) {
    this.maxConnections = maxConnections;
    this.seen = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, SeenSequences> eldest) {
        return size() > Dedupe.this.maxConnections;
      }
    };
  }

  /** Starts reading {@code batch}, which came at {@code nowMillis} (epoch ms). */
  void batch(DataBatch.Reader batch, long nowMillis) {
    int connections = batch.connections();
    if (batchConnections.length < connections) {
      batchConnections = new SeenSequences[connections];
      batchIds = new String[connections];
    } else {
      Arrays.fill(batchConnections, 0, connections, null);
    }
    batchConnectionCount = connections;
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

  /**
   * Forgets every connection of the batch read last: its output could not be written, so its lines
   * must not count as seen when it comes again (they show then, marked as resent).
   */
  void forgetBatch() {
    for (int i = 0; i < batchConnectionCount; i++) {
      if (batchConnections[i] != null) {
        seen.remove(batchIds[i]);
        batchConnections[i] = null;
      }
    }
  }

  private SeenSequences firstOfConnection(DataBatch.Reader batch) {
    SeenSequences connection = seen.computeIfAbsent(batch.connection(), id -> new SeenSequences());
    connection.lastUsedMillis = batchMillis;
    batchConnections[batch.connectionIndex()] = connection;
    batchIds[batch.connectionIndex()] = batch.connection();
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
