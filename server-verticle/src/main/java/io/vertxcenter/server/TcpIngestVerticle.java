package io.vertxcenter.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the TCP server: accepts connections on the shared port (Vert.x spreads them over
 * the instances), frames their lines and forwards them through its own {@link Forwarder}, which
 * pauses and resumes this instance's sockets.
 */
public class TcpIngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TcpIngestVerticle.class);
  private static final long DRAIN_TIMEOUT_MS = 10_000;

  private final ServerParams params;
  private final IngestStats stats;
  private final String connectionPrefix;
  private final Map<String, IngestConnection> connections = new LinkedHashMap<>();
  private final int instance;
  private Forwarder forwarder;
  private NetServer server;
  private long connectionCount;
  private boolean paused;

  TcpIngestVerticle(ServerParams params, IngestStats stats, String runId, int instance) {
    this.params = params;
    this.stats = stats;
    this.instance = instance;
    this.connectionPrefix = runId + "-" + instance + "-";
  }

  @Override
  public Future<?> start() {
    forwarder = new Forwarder(vertx, stats, new Forwarder.Pressure() {
      @Override
      public void pause() {
        paused = true;
        stats.paused(instance);
        connections.values().forEach(IngestConnection::pause);
      }

      @Override
      public void resume() {
        paused = false;
        stats.resumed(instance);
        connections.values().forEach(IngestConnection::resume);
      }
    });
    server = vertx.createNetServer(new NetServerOptions().setHost(params.host()).setPort(params.port()).setTcpNoDelay(true))
        .connectHandler(this::connected);
    return server.listen();
  }

  /** Stops accepting, closes the connections, then waits (bounded) until what they sent is delivered. */
  @Override
  public Future<?> stop() {
    return server.close().compose(v -> {
      Promise<Void> drained = Promise.promise();
      forwarder.whenDrained(drained::tryComplete);
      long timer = vertx.setTimer(DRAIN_TIMEOUT_MS, id -> {
        LOG.warn("server instance {} stopped with {} lines not acknowledged by a monitor (waited {} ms)",
            instance, forwarder.heldLines(), DRAIN_TIMEOUT_MS);
        drained.tryComplete();
      });
      return drained.future().onComplete(done -> vertx.cancelTimer(timer));
    });
  }

  private void connected(NetSocket socket) {
    if (stats.connections.incrementAndGet() > params.maxConnections()) {
      stats.connections.decrementAndGet();
      stats.rejected.increment();
      LOG.info("connection from {} refused: {} connections open, the limit", socket.remoteAddress(), params.maxConnections());
      socket.end(Buffer.buffer("ERROR too many connections (limit " + params.maxConnections() + ")\n"));
      return;
    }
    IngestConnection connection = new IngestConnection(connectionPrefix + (++connectionCount), socket,
        params.maxLineBytes(), stats, forwarder);
    connections.put(connection.id(), connection);
    socket.closeHandler(v -> {
      stats.connections.decrementAndGet();
      LOG.info("connection {} from {} closed", connection.id(), socket.remoteAddress());
    });
    // A closed socket may still hold data read before the close but not yet delivered (reading was
    // paused): it stays in the map, so a resume reaches it, until its end is delivered.
    socket.endHandler(v -> connections.remove(connection.id()));
    socket.exceptionHandler(error -> LOG.info("connection {} from {}: {}", connection.id(), socket.remoteAddress(), error.getMessage()));
    LOG.info("connection {} from {} opened", connection.id(), socket.remoteAddress());
    connection.start();
    if (paused) {
      connection.pause();
    }
  }
}
