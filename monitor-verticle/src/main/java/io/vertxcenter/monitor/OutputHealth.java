package io.vertxcenter.monitor;

import io.vertx.core.Vertx;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.NodeState;
import io.vertxcenter.common.RoleState;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the monitor can write its output, as its role's {@link NodeState}: {@code degraded}, with
 * the write's failure as the reason, from the first failed write until one succeeds again, when it
 * is {@code ready}. Each change is logged once and told to the node ({@link RoleState}); the
 * monitor's status gives the state, which is where the node reads it. The failed writes are
 * counted. Runs on the monitor's event loop.
 */
final class OutputHealth {
  private static final Logger LOG = LoggerFactory.getLogger(OutputHealth.class);
  private final String outputName;
  private final RoleState state;
  private long failedWrites;
  private long failingSince;

  /**
   * The health of the output named {@code outputName} (e.g. "standard output") of a monitor; its
   * changes are told to node {@code nodeId}.
   */
  OutputHealth(Vertx vertx, String nodeId, String outputName) {
    this.outputName = outputName;
    this.state = new RoleState(vertx, nodeId, NodeState.ready());
  }

  /** The write of a batch's output failed with {@code failure}; returns the reason to fail the batch with. */
  String failed(IOException failure) {
    failedWrites++;
    if (!state.is(NodeState.DEGRADED)) {
      failingSince = System.currentTimeMillis();
      String reason = "the monitor cannot write its " + outputName + " ("
          + ControlCharacters.escape(String.valueOf(failure.getMessage())) + "): it acknowledges nothing, so the servers "
          + "hold and resend its batches, until a write succeeds; free space or fix the output";
      LOG.warn("{}", reason);
      state.set(NodeState.degraded(reason));
    }
    return state.get().reason();
  }

  /** A write succeeded: ready again if it was not. */
  void written() {
    if (state.is(NodeState.DEGRADED)) {
      LOG.info("the monitor writes its {} again, after {} ms; {} writes failed meanwhile; the servers resend what was not acknowledged",
          outputName, System.currentTimeMillis() - failingSince, failedWrites);
      state.set(NodeState.ready());
    }
  }

  /** The state: ready, or degraded with why. */
  NodeState state() {
    return state.get();
  }

  /** Writes of the output that failed since the monitor started (each fails its batch, if one was being written). */
  long failedWrites() {
    return failedWrites;
  }
}
