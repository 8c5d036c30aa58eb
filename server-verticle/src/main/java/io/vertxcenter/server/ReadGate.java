package io.vertxcenter.server;

/**
 * Whether one ingest instance reads its TCP sockets: the one owner of "are reads paused, since
 * when, and why". Reads pause for one of two reasons and resume when neither holds:
 * <ul>
 *   <li>held full: the instance's {@link Forwarder} holds {@link #MAX_HELD} unacknowledged batches;
 *       reads resume once it holds at most half of that, so they do not flap at the limit;</li>
 *   <li>no monitor: a delivery failed and the forwarder backs off before sending again
 *       ({@link #recovering()}); reads stay paused until the back-off is over;</li>
 *   <li>log blocked: the node's data log reached its size bound, or cannot be written
 *       ({@link #logBlocked(boolean)}).</li>
 * </ul>
 * The forwarder drives it; the instance's sockets follow it ({@link Sockets}), a connection opened
 * while reads are paused starts paused, and {@link IngestStats} asks it for {@code paused} and
 * {@code pausedMs}.
 *
 * <p>Driven on the event loop of its ingest instance, so the batch path asks and tells it without a
 * lock; only {@link #paused()} and {@link #pausedNanos(long)} may be asked from other threads.
 */
final class ReadGate {
  /** Unacknowledged batches at which reads pause (and half of which they resume at): bounds what one instance holds. */
  static final int MAX_HELD = 32;

  /** What a gate switches: the sockets of its ingest instance. */
  interface Sockets {
    /** Stop reading every socket. */
    void pause();

    /** Read every socket again. */
    void resume();
  }

  private final Sockets sockets;
  private int heldBatches;
  /** A delivery failed and the forwarder waits before sending again. */
  private boolean recovering;
  /** A delivery failed and none was acknowledged since: an outage the forwarder reports once. */
  private boolean outage;
  /** The data log is full or cannot be written. */
  private boolean logBlocked;
  private volatile boolean paused;
  /** When the ongoing pause began (System.nanoTime); guarded by this. */
  private long pausedSinceNanos;
  /** The length of the pauses that ended, in ns; guarded by this. */
  private long endedPausesNanos;

  ReadGate(Sockets sockets) {
    this.sockets = sockets;
  }

  /** The forwarder now holds {@code batches} (0 or more) unacknowledged batches. */
  void held(int batches) {
    heldBatches = batches;
    update();
  }

  /**
   * A delivery failed (no monitor, no reply in time): reads pause and the forwarder stops sending
   * until {@link #retrying()}. True when this begins an outage (no acknowledgement since the last
   * failure), which the forwarder then reports.
   */
  boolean deliveryFailed() {
    recovering = true;
    update();
    boolean begins = !outage;
    outage = true;
    return begins;
  }

  /** The node's data log is full or cannot be written ({@code true}), or takes lines again. */
  void logBlocked(boolean blocked) {
    if (blocked != logBlocked) {
      logBlocked = blocked;
      update();
    }
  }

  /** The back-off after a failed delivery is over: the forwarder sends again, and reads may resume. */
  void retrying() {
    recovering = false;
    update();
  }

  /** A batch was acknowledged. True when this ends an outage, which the forwarder then reports. */
  boolean delivered() {
    boolean ends = outage;
    outage = false;
    return ends;
  }

  /** Whether the forwarder is backing off after a failed delivery (it sends nothing meanwhile). */
  boolean recovering() {
    return recovering;
  }

  /** Whether reads are paused now. Any thread. */
  boolean paused() {
    return paused;
  }

  /** The time reads were paused in ns, up to {@code now} (System.nanoTime), the ongoing pause included. Any thread. */
  synchronized long pausedNanos(long now) {
    return endedPausesNanos + (paused ? now - pausedSinceNanos : 0);
  }

  private void update() {
    if (!paused && (recovering || logBlocked || heldBatches >= MAX_HELD)) {
      synchronized (this) {
        pausedSinceNanos = System.nanoTime();
        paused = true;
      }
      sockets.pause();
    } else if (paused && !recovering && !logBlocked && heldBatches <= MAX_HELD / 2) {
      synchronized (this) {
        endedPausesNanos += System.nanoTime() - pausedSinceNanos;
        paused = false;
      }
      sockets.resume();
    }
  }
}
