package io.vertxcenter.node.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Host names a node answers under: its own, never a name an attacker re-points at it. */
class HostCheckTest {
  private final HostCheck check = new HostCheck("127.0.0.1", List.of("server", "Prometheus.Target"));

  @Test
  @DisplayName("loopback names and addresses, the address the request came in on, and the allowed names are answered")
  void ownNames() {
    for (String host : List.of("localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.0.0.2", "[::1]", "::1", "server",
        "prometheus.target", "172.18.0.4")) {
      assertTrue(check.allows(host, "172.18.0.4"), host);
    }
  }

  @Test
  @DisplayName("another name, or another machine's address, is not")
  void foreignNames() {
    for (String host : List.of("attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io", "10.0.0.9", "", "server2")) {
      assertFalse(check.allows(host, "172.18.0.4"), host);
    }
  }
}
