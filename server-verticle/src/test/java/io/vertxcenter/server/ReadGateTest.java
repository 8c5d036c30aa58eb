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

  @Test
  @DisplayName("reads pause once MAX_HELD batches are held and resume only when at most half of that is held")
  void pausesWhenHeldFullAndResumesAtHalf() {
    gate.held(ReadGate.MAX_HELD - 1);
    assertFalse(gate.paused());
    gate.held(ReadGate.MAX_HELD);
    assertTrue(gate.paused());
    gate.held(ReadGate.MAX_HELD + 3);
    gate.held(ReadGate.MAX_HELD / 2 + 1);
    assertTrue(gate.paused(), "still more than half held");
    gate.held(ReadGate.MAX_HELD / 2);
    assertFalse(gate.paused());
    assertEquals(List.of("pause", "resume"), told, "the sockets are told once each way");
  }

  @Test
  @DisplayName("after a failed delivery reads stay paused, with nothing held, until the forwarder tries again; then they resume once at most half is held")
  void failedDeliveryPausesUntilRetrying() {
    gate.held(0);
    assertTrue(gate.deliveryFailed(), "the first failure begins an outage");
    assertTrue(gate.paused());
    assertTrue(gate.recovering());
    assertFalse(gate.deliveryFailed(), "a second failure is the same outage");
    gate.held(0);
    assertTrue(gate.paused(), "nothing held, but no monitor acknowledges");
    gate.held(ReadGate.MAX_HELD / 2 + 1);
    gate.retrying();
    assertFalse(gate.recovering());
    assertTrue(gate.paused(), "more than half held");
    gate.held(ReadGate.MAX_HELD / 2);
    assertFalse(gate.paused());
    assertTrue(gate.delivered(), "the first acknowledgement ends the outage");
    assertFalse(gate.delivered());
    assertEquals(List.of("pause", "resume"), told);
  }

  @Test
  @DisplayName("the paused time counts a pause still going on, and ended pauses are kept")
  void pausedTimeCountsTheOngoingPause() {
    assertEquals(0, gate.pausedNanos(System.nanoTime()));
    gate.held(ReadGate.MAX_HELD);
    long fiveSecondsOn = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    assertTrue(gate.pausedNanos(fiveSecondsOn) >= TimeUnit.SECONDS.toNanos(5));
    gate.held(0);
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
    gate.deliveryFailed();
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
