package io.vertxcenter.node;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * How a node process ends. SIGTERM and SIGINT stop it cleanly: verticles are undeployed (the node
 * leaves the registry), the node leaves the cluster, and the process exits 0. Vert.x installs no
 * shutdown hook of its own and the cluster manager turns Hazelcast's off, so without this a
 * SIGTERM looks like a crash to the other nodes. A node that cannot go on (it could not rejoin
 * its cluster) stops the same way with a non-zero status, so that its supervisor starts it again.
 */
public final class GracefulShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile int status;

  public GracefulShutdown(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Stops the node on SIGTERM and SIGINT, with status 0. */
  public GracefulShutdown onSignals() {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> stop("SIG" + name + " received", 0));
    }
    return this;
  }

  /**
   * Stops the node, with status 0, once {@code in} ends: with {@code center node --supervised} it
   * is a pipe its supervisor holds, which ends when the supervisor exits, however it exits
   * (SIGKILL too). Reads on a daemon thread; may be called before the node has joined its cluster.
   *
   * @param in the node's standard input; what arrives on it is ignored
   */
  public GracefulShutdown onEndOf(InputStream in) {
    Thread watch = new Thread(() -> {
      byte[] ignored = new byte[256];
      try {
        while (in.read(ignored) >= 0) {
          // nothing is sent on the pipe: only its end counts
        }
      } catch (IOException e) {
        // a broken pipe ends it all the same
      }
      stop("the supervisor is gone (its pipe closed)", 0);
    }, "supervisor-pipe");
    watch.setDaemon(true);
    watch.start();
    return this;
  }

  /**
   * Leaves the cluster and lets {@link #awaitStop()} return {@code exitStatus}; the first call wins.
   * A node that cannot leave cleanly within 30 s is halted: with {@code exitStatus}, or 1 for a planned
   * stop (so a node that asked to exit 75, cannot rejoin, still says so to its supervisor).
   *
   * @param reason     what made the node stop, for the log
   * @param exitStatus the process's exit status: 0 for a planned stop
   */
  void stop(String reason, int exitStatus) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    status = exitStatus;
    LOG.info("{}: leaving the cluster", reason);
    Thread stopper = new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("left the cluster, exiting{}", exitStatus == 0 ? "" : " with status " + exitStatus);
      } catch (TimeoutException e) {
        LOG.warn("could not leave the cluster within {} s: halting", CLOSE_TIMEOUT_SECONDS);
        Runtime.getRuntime().halt(exitStatus == 0 ? 1 : exitStatus);
      } catch (Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        LOG.warn("could not leave the cluster cleanly ({}): halting", cause.toString());
        Runtime.getRuntime().halt(exitStatus == 0 ? 1 : exitStatus);
      }
      stopped.countDown();
    }, "center-shutdown");
    stopper.start();
  }

  /** Blocks the main thread until the node has stopped; returns the status the process is to exit with. */
  public int awaitStop() throws InterruptedException {
    stopped.await();
    return status;
  }
}
