package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The read gate of one ingest instance, and the paused time the server's status reports from it. */
class ReadGateTest {
  private static final boolean RECOVERING = true;
  private static final boolean LOG_BLOCKED = true;
  /** What the gate told the sockets, in order: "pause" or "resume". */
  private final List<String> told = new ArrayList<>();
  private final ReadGate gate = new ReadGate(new ReadGate.Sockets() {
    @Override
    public void pause() {
      told.add("pause");
    }

    @Override
    public void resume() {
      told.add("resume");
    }
  });

  /** The forwarder holds {@code batches} and can send and log. */
  private void held(int batches) {
    gate.follow(batches, false, false);
  }

  @Test
  @DisplayName("reads pause once MAX_HELD batches are held and resume only when at most half of that is held")
  void pausesWhenHeldFullAndResumesAtHalf() {
    held(ReadGate.MAX_HELD - 1);
    assertFalse(gate.paused());
    held(ReadGate.MAX_HELD);
    assertTrue(gate.paused());
    held(ReadGate.MAX_HELD + 3);
    held(ReadGate.MAX_HELD / 2 + 1);
    assertTrue(gate.paused(), "still more than half held");
    held(ReadGate.MAX_HELD / 2);
    assertFalse(gate.paused());
    assertEquals(List.of("pause", "resume"), told, "the sockets are told once each way");
  }

  @Test
  @DisplayName("while the forwarder recovers from a failed delivery reads stay paused, with nothing held; after, they resume once at most half is held")
  void recoveringPausesUntilOver() {
    gate.follow(0, RECOVERING, false);
    assertTrue(gate.paused());
    gate.follow(0, RECOVERING, false);
    assertTrue(gate.paused(), "nothing held, but no monitor acknowledges");
    held(ReadGate.MAX_HELD / 2 + 1);
    assertTrue(gate.paused(), "recovered, but more than half held");
    held(ReadGate.MAX_HELD / 2);
    assertFalse(gate.paused());
    assertEquals(List.of("pause", "resume"), told);
  }

  @Test
  @DisplayName("while the data log is blocked reads stay paused, with nothing held; once it takes lines, they resume")
  void logBlockedPausesUntilUnblocked() {
    gate.follow(0, false, LOG_BLOCKED);
    assertTrue(gate.paused());
    gate.follow(ReadGate.MAX_HELD / 2, false, LOG_BLOCKED);
    assertTrue(gate.paused());
    held(ReadGate.MAX_HELD / 2);
    assertFalse(gate.paused());
    assertEquals(List.of("pause", "resume"), told);
  }

  @Test
  @DisplayName("the paused time counts a pause still going on, and ended pauses are kept")
  void pausedTimeCountsTheOngoingPause() {
    assertEquals(0, gate.pausedNanos(System.nanoTime()));
    held(ReadGate.MAX_HELD);
    long fiveSecondsOn = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    assertTrue(gate.pausedNanos(fiveSecondsOn) >= TimeUnit.SECONDS.toNanos(5));
    held(0);
    long ended = gate.pausedNanos(System.nanoTime());
    assertEquals(ended, gate.pausedNanos(fiveSecondsOn), "no pause going on: the time stays");
  }

  @Test
  @DisplayName("the server's status says paused while any instance is, counts an ongoing pause in pausedMs, and keeps a stopped instance's paused time")
  void statusReadsTheGates() {
    IngestStats stats = new IngestStats();
    ReadGate other = new ReadGate(new ReadGate.Sockets() {
      @Override
      public void pause() {
      }

      @Override
      public void resume() {
      }
    });
    stats.watch(gate);
    stats.watch(other);
    assertFalse(stats.toJson(0).getBoolean("paused"));
    gate.follow(0, RECOVERING, false);
    assertTrue(stats.toJson(0).getBoolean("paused"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (stats.pausedMs() < 20) {
      assertTrue(System.nanoTime() < deadline, "pausedMs stayed at " + stats.pausedMs() + " during a pause");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    long beforeStop = stats.pausedMs();
    stats.retire(gate);
    assertFalse(stats.toJson(0).getBoolean("paused"), "a stopped instance's pause is over");
    assertTrue(stats.pausedMs() >= beforeStop, "its paused time is kept: " + stats.pausedMs() + " < " + beforeStop);
    assertEquals(stats.pausedMs(), stats.toJson(0).getLong("pausedMs"));
  }
}
