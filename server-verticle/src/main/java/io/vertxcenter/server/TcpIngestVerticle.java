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
 * One instance of the TCP server: accepts connections on the shared port (Vert.x spreads them over
 * the instances), frames their lines and forwards them through its own {@link Forwarder}; its
 * sockets follow the instance's {@link ReadGate}, which the forwarder drives. Connections that send
 * nothing for {@code idleTimeoutSeconds} are told so and closed; when every slot is taken, a
 * newcomer takes the place of this instance's connection idle longest, once that one has been idle
 * for half of it.
 *
 * <p>Stopping loses nothing it has read: it stops accepting and closes the connections (their last
 * unterminated lines are lines), then waits until the monitor has acknowledged every line, at most
 * {@link #DRAIN_TIMEOUT_MS}; what is still unacknowledged then counts as dropped.
 */
public class TcpIngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TcpIngestVerticle.class);
  /** Within the 30 s a node has to leave the cluster once told to stop (SIGTERM, {@code center down}). */
  static final long DRAIN_TIMEOUT_MS = 20_000;

  private final ServerParams params;
  private final IngestStats stats;
  private final String connectionPrefix;
  private final Map<String, IngestConnection> connections = new LinkedHashMap<>();
  private final int instance;
  private ReadGate gate;
  private Forwarder forwarder;
  private NetServer server;
  private long connectionCount;
  private long idleSweep;

  TcpIngestVerticle(ServerParams params, IngestStats stats, String runId, int instance) {
    this.params = params;
    this.stats = stats;
    this.instance = instance;
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
    forwarder = new Forwarder(vertx, stats, gate);
    long sweepMs = Math.max(100, Math.min(1_000, params.idleTimeoutSeconds() * 100L));
    idleSweep = vertx.setPeriodic(sweepMs, id -> closeIdle());
    server = vertx.createNetServer(new NetServerOptions().setHost(params.host()).setPort(params.port()).setTcpNoDelay(true))
        .connectHandler(this::connected);
    return server.listen().onSuccess(listening -> stats.watch(gate));
  }

  /** Stops accepting, closes the connections, then waits (bounded) until what they sent is delivered. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(idleSweep);
    // NetServer.close() completes on the acceptor thread (Vert.x 5.0's CloseSequence promises have no
    // context): the rest runs back on this instance's event loop, which alone touches its connections
    // and forwarder. Run on the acceptor thread, it raced the event loop: a stop under load counted
    // lines forwarded that were never counted received, and once a line delivered but not received.
    return Future.fromCompletionStage(server.close().toCompletionStage(), context).compose(v -> {
      // a copy: ending a connection can close it, and its close handler removes it from the map
      List.copyOf(connections.values()).forEach(IngestConnection::end);
      Promise<Void> drained = Promise.promise();
      forwarder.whenDrained(drained::tryComplete);
      long timer = vertx.setTimer(DRAIN_TIMEOUT_MS, id -> {
        long dropped = forwarder.giveUp();
        stats.dropped.add(dropped);
        LOG.warn("server instance {} stopped with {} lines not acknowledged by a monitor (waited {} ms): counted as dropped",
            instance, dropped, DRAIN_TIMEOUT_MS);
        drained.tryComplete();
      });
      return drained.future().onComplete(done -> {
        vertx.cancelTimer(timer);
        stats.retire(gate);
      });
    });
  }

  private void connected(NetSocket socket) {
    if (stats.connections.incrementAndGet() > params.maxConnections() && !madeRoom()) {
      stats.connections.decrementAndGet();
      stats.rejected.increment();
      LOG.info("connection from {} refused: {} connections open, the limit", socket.remoteAddress(), params.maxConnections());
      socket.end(Buffer.buffer("ERROR too many connections (limit " + params.maxConnections() + ")\n"));
      return;
    }
    IngestConnection connection = new IngestConnection(connectionPrefix + (++connectionCount), socket,
        params.maxLineBytes(), stats, forwarder, gate);
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
    connection.start();
    if (gate.paused()) {
      connection.pause();
    }
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
