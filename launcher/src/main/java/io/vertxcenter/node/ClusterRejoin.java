package io.vertxcenter.node;

import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertxcenter.common.NodeRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node that was cut off from its cluster (a frozen JVM, a network cut) and merged back by
 * Hazelcast's split-brain handler comes back whole, or exits so that its supervisor starts it
 * again.
 *
 * <p>While cut off, the other side dropped the node: its registry entry and its event-bus
 * subscriptions. On {@code MERGED}, the Vert.x cluster manager republishes the node's
 * subscriptions and this publishes its registry entry again; then it checks, every
 * {@link #CHECK_EVERY_MS} ms for up to {@link #RESTORE_TIMEOUT} (10 s), that the cluster-wide
 * subscription map lists this node as a consumer of its own command address. The node
 * keeps its verticles and their state all along: a server keeps the lines it holds, a monitor
 * what it has seen, so every line still arrives once.
 *
 * <p>The last resort: when Hazelcast reports {@code MERGE_FAILED}, when {@code MERGED} does not
 * follow {@code MERGING} within {@link #MERGE_TIMEOUT} (60 s), or when the node is not restored in
 * time, the node stops with status {@link #EXIT_CANNOT_REJOIN}.
 */
public final class ClusterRejoin implements LifecycleListener {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRejoin.class);
  /** The exit status of a node that could not rejoin (EX_TEMPFAIL: try again). */
  static final int EXIT_CANNOT_REJOIN = 75;
  public static final Duration MERGE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(10);
  static final long CHECK_EVERY_MS = 500;

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final NodeRegistry registry;
  private final String ownAddress;
  private final GracefulShutdown shutdown;
  private final Duration mergeTimeout;
  private final Duration restoreTimeout;
  /** Where the events are handled, one at a time: the fields below belong to it. */
  private Context context;
  private long mergingSince;
  private long mergeWatchdog = -1;

  /**
   * @param ownAddress     an address only this node consumes, cluster-wide (its command address):
   *                       once the cluster lists it again, every subscription of the node is back
   * @param shutdown       how the node stops when it gives up
   * @param mergeTimeout   how long {@code MERGED} may take after {@code MERGING} ({@link #MERGE_TIMEOUT})
   * @param restoreTimeout how long the node may take to be whole after {@code MERGED} ({@link #RESTORE_TIMEOUT})
   */
  public ClusterRejoin(Vertx vertx, HazelcastClusterManager manager, NodeRegistry registry, String ownAddress,
      GracefulShutdown shutdown, Duration mergeTimeout, Duration restoreTimeout) {
    this.vertx = vertx;
    this.manager = manager;
    this.registry = registry;
    this.ownAddress = ownAddress;
    this.shutdown = shutdown;
    this.mergeTimeout = mergeTimeout;
    this.restoreTimeout = restoreTimeout;
  }

  /** Starts listening to Hazelcast's lifecycle events; call it once the node is ready. */
  public void install() {
    context = vertx.getOrCreateContext();
    manager.getHazelcastInstance().getLifecycleService().addLifecycleListener(this);
  }

  /** Called on a Hazelcast thread: hands the event over to the event loop of this node. */
  @Override
  public void stateChanged(LifecycleEvent event) {
    LifecycleState state = event.getState();
    if (state == LifecycleState.MERGING || state == LifecycleState.MERGED || state == LifecycleState.MERGE_FAILED) {
      context.runOnContext(v -> on(state));
    }
  }

  private void on(LifecycleState state) {
    switch (state) {
      case MERGING -> {
        mergingSince = System.nanoTime();
        LOG.warn("this node was cut off from its cluster: merging back into it");
        mergeWatchdog = vertx.setTimer(mergeTimeout.toMillis(),
            id -> giveUp("Hazelcast did not finish merging within " + mergeTimeout.toSeconds() + " s"));
      }
      case MERGED -> {
        vertx.cancelTimer(mergeWatchdog);
        LOG.info("merged back into the cluster in {} ms ({} members): restoring its registry entry and consumers",
            (System.nanoTime() - mergingSince) / 1_000_000, manager.getNodes().size());
        long deadline = System.nanoTime() + restoreTimeout.toNanos();
        vertx.executeBlocking(registry::republishOwnEntry).onComplete(published -> {
          if (published.failed()) {
            giveUp("its registry entry could not be put back (" + published.cause().getMessage() + ")");
          } else {
            awaitRestored(deadline);
          }
        });
      }
      case MERGE_FAILED -> giveUp("Hazelcast could not merge it back");
      default -> { }
    }
  }

  private void awaitRestored(long deadline) {
    ownSubscriptionListed().onComplete(listed -> {
      if (listed.succeeded() && listed.result()) {
        LOG.info("back in the cluster: registry entry and event-bus consumers restored, {} ms after merging began",
            (System.nanoTime() - mergingSince) / 1_000_000);
      } else if (System.nanoTime() < deadline) {
        vertx.setTimer(CHECK_EVERY_MS, id -> awaitRestored(deadline));
      } else {
        giveUp("its event-bus consumers were not listed again within " + restoreTimeout.toSeconds() + " s of the merge"
            + (listed.failed() ? " (" + listed.cause().getMessage() + ")" : ""));
      }
    });
  }

  /** Whether the cluster-wide subscription map lists this node as a consumer of its own address. */
  private Future<Boolean> ownSubscriptionListed() {
    Promise<List<RegistrationInfo>> registrations = Promise.promise();
    manager.getRegistrations(ownAddress, registrations);
    String nodeId = manager.getNodeId();
    return registrations.future().map(list -> list.stream().anyMatch(info -> nodeId.equals(info.nodeId())));
  }

  private void giveUp(String why) {
    LOG.error("cannot rejoin the cluster: {}; stopping with status {} so that a supervisor starts a fresh node",
        why, EXIT_CANNOT_REJOIN);
    shutdown.stop("could not rejoin the cluster", EXIT_CANNOT_REJOIN);
  }
}
