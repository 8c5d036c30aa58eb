package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.BindException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NetFailureTest {
  @Test
  @DisplayName("a listen failure's advice: another host for a bad name or an address not of this machine, another port for a taken one")
  void listenAdvice() {
    String host = "choose another host with --http-host (an address of this machine, e.g. 127.0.0.1)";
    assertEquals(host, NetFailure.listenAdvice(new IllegalArgumentException("Empty label is not a legal name"), "--http-host", "--http-port"));
    assertEquals(host, NetFailure.listenAdvice(new BindException("Cannot assign requested address"), "--http-host", "--http-port"));
    assertEquals("choose another port with --bridge-port, or stop what uses it",
        NetFailure.listenAdvice(new BindException("Address already in use"), "--bridge-host", "--bridge-port"));
  }
}
