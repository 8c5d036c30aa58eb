package io.vertxcenter.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the TCP server: accepts connections on the shared port, and on the shared ack port
 * when there is one (Vert.x spreads them over the instances), frames their lines and forwards them
 * through its own {@link Forwarder}, which logs them first in the instance's own segments of the
 * node's data log; its sockets follow the instance's {@link ReadGate}, which follows what the forwarder holds.
 * Connections that send nothing for {@code idleTimeoutSeconds} are told so and closed (a sweep that
 * runs only while the instance has a connection open: an idle server does not wake); when every
 * slot is taken, a newcomer takes the place of this instance's connection idle longest, once that
 * one has been idle for half of it. The first instance also delivers again, segment by segment,
 * what a previous run left in the log unacknowledged.
 *
 * <p>Stopping loses nothing it has read, and reads what the kernel holds: it stops accepting, reads
 * each connection until nothing came for {@link #QUIET_MS} ms (or it closed), at most
 * {@link #STOP_READ_MS} ms, and closes it (its last unterminated line is a line; an ack-port
 * connection first gets its last {@code ACK}); then it waits until the monitor has acknowledged every
 * line, at most {@link #DRAIN_TIMEOUT_MS}. What is still unacknowledged then stays in the log for the
 * next start, or, without a log, counts as dropped.
 */
public class TcpIngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TcpIngestVerticle.class);
  /** Within the 30 s a node has to leave the cluster once told to stop (SIGTERM, {@code center down}). */
  static final long DRAIN_TIMEOUT_MS = 20_000;
  /**
   * How often ack-port connections are told what is durable and the log's state is checked, in ms:
   * only while an ack-port connection is open or lines are held (an idle server does not wake).
   */
  static final long ACK_INTERVAL_MS = 100;
  /** A stopping server closes a connection once nothing came for this long: the kernel held no more for it. */
  static final long QUIET_MS = 50;
  /** The longest a stopping server reads a connection that keeps sending. */
  static final long STOP_READ_MS = 3_000;

  private final ServerParams params;
  private final IngestStats stats;
  private final String connectionPrefix;
  private final Map<String, IngestConnection> connections = new LinkedHashMap<>();
  private final int instance;
  private ReadGate gate;
  private Forwarder forwarder;
  private NetServer server;
  private NetServer ackServer;
  private long connectionCount;
  /** The sweep for idle connections while any is open; -1 while none is. Volatile: {@link #sweeping()} reads it from any thread. */
  private volatile long idleSweep = -1;
  private long ackTimer = -1;
  private final LogSpace space;
  private final List<LogFiles.Segment> leftover;

  /**
   * @param runId    this server start's id, unique across the node's starts: connection ids begin with it
   * @param leftover the segments a previous run left in the log, to deliver first (empty for all but one instance)
   */
  TcpIngestVerticle(ServerParams params, IngestStats stats, LogSpace space, String runId, int instance,
                    List<LogFiles.Segment> leftover) {
    this.params = params;
    this.stats = stats;
    this.space = space;
    this.instance = instance;
    this.leftover = leftover;
    this.connectionPrefix = runId + "-" + instance + "-";
  }

  @Override
  public Future<?> start() {
    gate = new ReadGate(new ReadGate.Sockets() {
      @Override
      public void pause() {
        connections.values().forEach(IngestConnection::pause);
      }

      @Override
      public void resume() {
        List.copyOf(connections.values()).forEach(IngestConnection::resume);
      }
    });
    forwarder = new Forwarder(vertx, stats, gate, space, connectionPrefix.substring(0, connectionPrefix.length() - 1));
    forwarder.onBatchOpened(this::ackWhileBusy);
    server = vertx.createNetServer(new NetServerOptions().setHost(params.host()).setPort(params.port()).setTcpNoDelay(true))
        .connectHandler(socket -> connected(socket, false));
    Future<?> acking = Future.succeededFuture();
    if (params.ackPort() > 0) {
      ackServer = vertx.createNetServer(new NetServerOptions().setHost(params.host()).setPort(params.ackPort()).setTcpNoDelay(true))
          .connectHandler(socket -> connected(socket, true));
      acking = ackServer.listen();
    }
    return Future.all(server.listen(), acking).onSuccess(listening -> {
      stats.watch(gate);
      replay(0);
    }).onFailure(error -> forwarder.close());
  }

  /**
   * Delivers leftover segment {@code index} and, once all its records are acknowledged, the next:
   * one segment read at a time (off the event loop), so memory holds at most one.
   */
  private void replay(int index) {
    if (index >= leftover.size()) {
      return;
    }
    LogFiles.Segment segment = leftover.get(index);
    vertx.executeBlocking(() -> LogFiles.records(segment), false).onComplete(read -> {
      if (read.failed()) {
        LOG.error("data log: cannot read {} ({}): its {} lines are not delivered; it stays for the next start",
            segment.path(), read.cause().getMessage(), segment.lines());
        replay(index + 1);
        return;
      }
      forwarder.replay(read.result(), segment);
      ackWhileBusy();
      vertx.setPeriodic(20, id -> {
        if (forwarder.replayDone(segment)) {
          vertx.cancelTimer(id);
          replay(index + 1);
        }
      });
    });
  }

  /** Stops accepting, closes the connections, then waits (bounded) until what they sent is delivered. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(idleSweep);
    // Shutting down stops accepting at once and closes what is still open after the timeout; until
    // then each connection is read until quiet, then closed here (readKernel).
    Future<Void> closed = Future.all(server.shutdown(STOP_READ_MS + 1_000, TimeUnit.MILLISECONDS),
        ackServer == null ? Future.succeededFuture() : ackServer.shutdown(STOP_READ_MS + 1_000, TimeUnit.MILLISECONDS)).mapEmpty();
    long stopTimer = readKernel(System.nanoTime());
    // NetServer.close()/shutdown() complete on the acceptor thread (Vert.x 5.0's CloseSequence promises
    // have no context): the rest runs back on this instance's event loop, which alone touches its
    // connections and forwarder. Run on the acceptor thread, it raced the event loop: a stop under load
    // counted lines forwarded that were never counted received, and once a line delivered but not received.
    return Future.fromCompletionStage(closed.toCompletionStage(), context).compose(v -> {
      vertx.cancelTimer(stopTimer);
      vertx.cancelTimer(ackTimer);
      // a copy: ending a connection can close it, and its close handler removes it from the map
      List.copyOf(connections.values()).forEach(IngestConnection::end);
      Promise<Void> drained = Promise.promise();
      forwarder.whenDrained(drained::tryComplete);
      long timer = vertx.setTimer(DRAIN_TIMEOUT_MS, id -> {
        long logged = forwarder.loggedLines();
        long dropped = forwarder.giveUp();
        stats.dropped.add(dropped);
        if (dropped > 0 || logged == 0) {
          LOG.warn("server instance {} stopped with {} lines not acknowledged by a monitor (waited {} ms): counted as dropped",
              instance, dropped, DRAIN_TIMEOUT_MS);
        }
        if (logged > 0) {
          LOG.warn("server instance {} stopped with {} lines not acknowledged by a monitor (waited {} ms): they stay in "
              + "the data log, and the next start on it delivers them", instance, logged, DRAIN_TIMEOUT_MS);
        }
        drained.tryComplete();
      });
      return drained.future().onComplete(done -> {
        vertx.cancelTimer(timer);
        forwarder.close();
        stats.retire(gate);
      });
    });
  }

  /**
   * Reads every connection on (as the gate allows: memory stays bounded) and closes each once
   * nothing came for {@link #QUIET_MS} while it was read (the kernel held no more for it), or once
   * {@link #STOP_READ_MS} passed since {@code startedNanos}; an ack-port connection closes after its
   * last {@code ACK}. Returns the timer.
   */
  private long readKernel(long startedNanos) {
    return vertx.setPeriodic(10, id -> {
      long now = System.nanoTime();
      boolean late = now - startedNanos >= TimeUnit.MILLISECONDS.toNanos(STOP_READ_MS);
      for (IngestConnection connection : List.copyOf(connections.values())) {
        if (!connection.ended() && (late || connection.idleNanos(now) >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS))) {
          connection.endForStop();
        }
      }
      connections.values().forEach(IngestConnection::acknowledge);
    });
  }

  /**
   * Starts the ack timer unless it runs: it tells the ack-port connections what is durable and
   * the forwarder the log's state, and stops once no ack-port connection is open, no line held and
   * reads are not paused.
   */
  private void ackWhileBusy() {
    if (ackTimer >= 0) {
      return;
    }
    ackTimer = vertx.setPeriodic(ACK_INTERVAL_MS, id -> {
      connections.values().forEach(IngestConnection::acknowledge);
      forwarder.checkLog();
      // while reads are paused no new line restarts it, so it keeps checking until they resume
      if (forwarder.heldLines() == 0 && !gate.paused() && connections.values().stream().noneMatch(IngestConnection::acking)) {
        vertx.cancelTimer(id);
        ackTimer = -1;
      }
    });
  }

  private void connected(NetSocket socket, boolean acking) {
    if (stats.connections.incrementAndGet() > params.maxConnections() && !madeRoom()) {
      stats.connections.decrementAndGet();
      stats.rejected.increment();
      LOG.info("connection from {} refused: {} connections open, the limit", socket.remoteAddress(), params.maxConnections());
      socket.end(Buffer.buffer("ERROR too many connections (limit " + params.maxConnections() + ")\n"));
      return;
    }
    IngestConnection connection = new IngestConnection(connectionPrefix + (++connectionCount), socket,
        params.maxLineBytes(), stats, forwarder, gate, acking);
    connections.put(connection.id(), connection);
    // The connection ended (either side closed it, or the client half-closed): its last line goes on.
    socket.endHandler(v -> connection.end());
    socket.closeHandler(v -> {
      connection.end();
      connections.remove(connection.id());
      stats.connections.decrementAndGet();
      LOG.info("connection {} from {} closed", connection.id(), socket.remoteAddress());
    });
    socket.exceptionHandler(error -> LOG.info("connection {} from {}: {}", connection.id(), socket.remoteAddress(), error.getMessage()));
    LOG.info("connection {} from {} opened", connection.id(), socket.remoteAddress());
    sweepWhileConnected();
    connection.start();
    ackWhileBusy();
    if (gate.paused()) {
      connection.pause();
    }
  }

  /**
   * Starts the idle sweep unless it runs: every tenth of {@code idleTimeoutSeconds} (100 ms to 1 s)
   * until no connection is open.
   */
  private void sweepWhileConnected() {
    if (idleSweep >= 0) {
      return;
    }
    long sweepMs = Math.max(100, Math.min(1_000, params.idleTimeoutSeconds() * 100L));
    idleSweep = vertx.setPeriodic(sweepMs, id -> {
      if (connections.isEmpty()) {
        vertx.cancelTimer(id);
        idleSweep = -1;
      } else {
        closeIdle();
      }
    });
  }

  /** Whether the idle sweep runs: while a connection is open, and until its next tick after the last closed. Any thread. */
  boolean sweeping() {
    return idleSweep >= 0;
  }

  /** Closes the connections that sent nothing for {@code idleTimeoutSeconds} while they were read. */
  private void closeIdle() {
    long now = System.nanoTime();
    long limit = TimeUnit.SECONDS.toNanos(params.idleTimeoutSeconds());
    for (IngestConnection connection : List.copyOf(connections.values())) {
      if (connection.idleNanos(now) >= limit) {
        connection.closeIdle("no data for " + params.idleTimeoutSeconds() + " s (idleTimeoutSeconds): connection closed");
      }
    }
  }

  /**
   * Every slot is taken: closes the connection idle longest if it has been idle for at least half
   * of {@code idleTimeoutSeconds}, so idle connections cannot keep a newcomer out; false if none has.
   */
  private boolean madeRoom() {
    long now = System.nanoTime();
    IngestConnection idlest = null;
    for (IngestConnection connection : connections.values()) {
      if (idlest == null || connection.idleNanos(now) > idlest.idleNanos(now)) {
        idlest = connection;
      }
    }
    long idleNanos = idlest == null ? 0 : idlest.idleNanos(now);
    if (idleNanos < TimeUnit.SECONDS.toNanos(params.idleTimeoutSeconds()) / 2) {
      return false;
    }
    idlest.closeIdle("no data for " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s while all " + params.maxConnections()
        + " connections were taken: closed to make room for a new one");
    return true;
  }
}
