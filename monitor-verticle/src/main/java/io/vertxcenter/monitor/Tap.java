package io.vertxcenter.monitor;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;

/**
 * The best-effort copy of the stream that {@code center monitor tail} listens to: published to
 * {@link Addresses#TAP}, at most {@link #PER_SECOND} lines a second (the rest are not copied), as
 * {@code {text, kind, connection, seq}}, and {@code resent: true} for a line of a batch sent again
 * that this monitor had not seen (it may have been shown before). Runs on the monitor's event loop.
 */
final class Tap {
  static final int PER_SECOND = 1_000;

  private final EventBus bus;
  private long thisSecond;

  Tap(EventBus bus) {
    this.bus = bus;
  }

  /** Publishes the line {@code batch} is at, of kind {@code kind}, unless {@link #PER_SECOND} went out this second. */
  void offer(DataBatch.Reader batch, ConsoleMessage.Kind kind, boolean resent) {
    if (thisSecond < PER_SECOND) { // checked for every line: kept small, so the JIT inlines it
      publish(batch, kind, resent);
    }
  }

  /** Called once a second: the next {@link #PER_SECOND} lines are copied again. */
  void second() {
    thisSecond = 0;
  }

  private void publish(DataBatch.Reader batch, ConsoleMessage.Kind kind, boolean resent) {
    thisSecond++;
    JsonObject line = new JsonObject().put("text", batch.text()).put("kind", kind.wireName())
        .put("connection", batch.connection()).put("seq", batch.seq());
    bus.publish(Addresses.TAP, resent ? line.put("resent", true) : line);
  }
}
