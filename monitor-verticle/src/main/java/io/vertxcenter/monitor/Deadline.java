package io.vertxcenter.monitor;

import io.vertxcenter.common.DataBatch;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a batch came too late to be shown: its sender has meanwhile given up waiting for the
 * acknowledgement and sent it again (perhaps to another monitor), the case of a monitor that was
 * frozen. A batch's age is reckoned on the sender's monotonic clock against this JVM's, through the
 * offset between the two learnt per sender (how, and why not wall clocks: {@link DataBatch}). A batch
 * is late once that age passes its ack timeout less {@link #MARGIN_DIVISOR a tenth} of it: dropping
 * one a little early costs a resend (the sender still waits, and no reply comes), showing one late
 * could show its lines twice. A batch never stamped (no timeout) is never late.
 *
 * <p>Memory: two numbers per sender JVM heard from in the last {@link #FORGET_SENDER_MICROS}. Runs on
 * the monitor's event loop.
 */
final class Deadline {
  /** The margin before the timeout is the timeout divided by this: 500 ms of the servers' 5 s. */
  static final int MARGIN_DIVISOR = 10;
  /** How long the least offset seen is kept as the reference: two windows of this, in µs. */
  static final long WINDOW_MICROS = 30_000_000;
  static final long FORGET_SENDER_MICROS = 10 * 60_000_000L;

  /** The least (receipt − send) seen from one sender in the current and the previous window, µs. */
  private static final class Offsets {
    long windowStart;
    long current = Long.MAX_VALUE;
    long previous = Long.MAX_VALUE;
    long lastSeen;
  }

  private final Map<Long, Offsets> senders = new HashMap<>();

  /** Whether {@code batch}, handled at {@code nowMicros} on this JVM's monotonic clock, is past its deadline. */
  boolean passed(DataBatch.Reader batch, long nowMicros) {
    if (batch.ackTimeoutMs() == 0) {
      return false;
    }
    long offset = nowMicros - batch.sentAtMicros();
    Offsets sender = senders.computeIfAbsent(batch.sender(), id -> new Offsets());
    if (nowMicros - sender.windowStart >= WINDOW_MICROS) {
      sender.previous = sender.current;
      sender.current = Long.MAX_VALUE;
      sender.windowStart = nowMicros;
    }
    sender.current = Math.min(sender.current, offset);
    sender.lastSeen = nowMicros;
    long ageMicros = offset - Math.min(sender.current, sender.previous);
    long timeoutMs = batch.ackTimeoutMs();
    return ageMicros > (timeoutMs - timeoutMs / MARGIN_DIVISOR) * 1_000;
  }

  /** Forgets the senders not heard from for {@link #FORGET_SENDER_MICROS} before {@code nowMicros}. */
  void forgetIdle(long nowMicros) {
    senders.values().removeIf(sender -> nowMicros - sender.lastSeen > FORGET_SENDER_MICROS);
  }

  /** The senders whose clock offsets are kept. */
  int senders() {
    return senders.size();
  }
}
