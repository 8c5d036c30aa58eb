package io.vertxcenter.launcher;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the node cleanly: verticles are undeployed (the node leaves the registry),
 * the node leaves the cluster, and the process exits 0. Vert.x installs no shutdown hook of its own
 * and the cluster manager turns Hazelcast's off, so without this a SIGTERM looks like a crash to
 * the other nodes.
 */
final class GracefulShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 30;
  private static final AtomicBoolean STOPPING = new AtomicBoolean();
  private static final CountDownLatch STOPPED = new CountDownLatch(1);

  private GracefulShutdown() {}

  static void install(Vertx vertx) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> stop(vertx, "SIG" + name));
    }
  }

  private static void stop(Vertx vertx, String reason) {
    if (!STOPPING.compareAndSet(false, true)) {
      return;
    }
    LOG.info("{} received: leaving the cluster", reason);
    Thread stopper = new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("left the cluster, exiting");
      } catch (Exception e) {
        LOG.warn("could not leave the cluster cleanly within {} s: {}", CLOSE_TIMEOUT_SECONDS, e.toString());
        Runtime.getRuntime().halt(1);
      }
      STOPPED.countDown();
    }, "center-shutdown");
    stopper.start();
  }

  /** Blocks the main thread until a signal has stopped the node. */
  static void awaitStop() throws InterruptedException {
    STOPPED.await();
  }
}
