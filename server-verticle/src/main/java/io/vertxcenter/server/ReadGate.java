package io.vertxcenter.server;

/**
 * Whether one ingest instance reads its TCP sockets: the one owner of "are reads paused, and for how
 * long were they". It owns no fact about delivery: its {@link Forwarder} owns what it holds and why it
 * cannot send, and tells the gate each time that changes ({@link #follow}); the gate pauses reads when
 * one of these holds and resumes them when none does:
 * <ul>
 *   <li>held full: the forwarder holds {@link #MAX_HELD} unacknowledged batches; reads resume once it
 *       holds at most half of that, so they do not flap at the limit;</li>
 *   <li>recovering: a delivery failed and the forwarder backs off before sending again;</li>
 *   <li>log blocked: the node's data log reached its size bound, or cannot be written.</li>
 * </ul>
 * The instance's sockets follow it ({@link Sockets}), a connection opened while reads are paused
 * starts paused, and {@link IngestStats} asks it for {@code paused} and {@code pausedMs}.
 *
 * <p>Told on the event loop of its ingest instance, so the batch path needs no lock; only
 * {@link #paused()} and {@link #pausedNanos(long)} may be asked from other threads.
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
  private volatile boolean paused;
  /** When the ongoing pause began (System.nanoTime); guarded by this. */
  private long pausedSinceNanos;
  /** The length of the pauses that ended, in ns; guarded by this. */
  private long endedPausesNanos;

  ReadGate(Sockets sockets) {
    this.sockets = sockets;
  }

  /**
   * The forwarder's state now: it holds {@code heldBatches} (0 or more) unacknowledged batches, it is
   * {@code recovering} (backing off after a failed delivery, sending nothing), and its log is
   * {@code logBlocked} (full or not writable). Pauses or resumes the sockets when that crosses a limit.
   */
  void follow(int heldBatches, boolean recovering, boolean logBlocked) {
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

  /** Whether reads are paused now. Any thread. */
  boolean paused() {
    return paused;
  }

  /** The time reads were paused in ns, up to {@code now} (System.nanoTime), the ongoing pause included. Any thread. */
  synchronized long pausedNanos(long now) {
    return endedPausesNanos + (paused ? now - pausedSinceNanos : 0);
  }
}
