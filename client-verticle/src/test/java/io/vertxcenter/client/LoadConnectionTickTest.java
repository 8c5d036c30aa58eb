package io.vertxcenter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoadConnectionTickTest {

  @Test
  @DisplayName("a paced connection ticks every 5 ms at a fast rate, once per line at a slow one, at least once a second")
  void tickFollowsTheRate() {
    assertEquals(5, LoadConnection.tickMs(100));      // 100,000 lines/s
    assertEquals(5, LoadConnection.tickMs(1));        // 1,000 lines/s
    assertEquals(10, LoadConnection.tickMs(0.1));     // 100 lines/s
    assertEquals(500, LoadConnection.tickMs(0.002));  // 2 lines/s
    assertEquals(1_000, LoadConnection.tickMs(0.00025)); // up's default: 1 line/s over 4 connections
  }
}
