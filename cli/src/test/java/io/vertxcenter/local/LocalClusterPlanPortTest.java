package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.common.TestPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LocalClusterPlanPortTest {

  @Test
  @DisplayName("a port something listens on is in use; one with only closed connections lingering (TIME_WAIT) is free")
  void lingeringConnectionsDoNotCount() throws IOException {
    int port;
    try (ServerSocket listener = TestPorts.occupied()) {
      port = listener.getLocalPort();
      assertFalse(LocalClusterPlan.isFree(port), "a listening port");
      try (Socket client = new Socket()) {
        client.connect(new InetSocketAddress("127.0.0.1", port));
        listener.accept().close(); // the server side closes first: its end, on the port, waits in TIME_WAIT
        assertTrue(client.getInputStream().read() < 0, "the client sees the close");
      }
    }
    assertTrue(LocalClusterPlan.isFree(port), "after 'center down' the same ports must do for 'center up'");
  }
}
