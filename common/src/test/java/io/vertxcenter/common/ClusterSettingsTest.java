package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

  @Test
  @DisplayName("Hazelcast joins over TCP-IP with the member list, multicast off, no join wait, pinned to the host")
  void hazelcastConfig() {
    Config config = new ClusterSettings("blue", List.of("10.0.0.1", "10.0.0.2:5702"), "10.0.0.1", null, 5710)
        .hazelcastConfig(ClusterIdentity.NAME_ONLY);
    assertEquals("blue", config.getClusterName());
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.1", "10.0.0.2:5702"), join.getTcpIpConfig().getMembers());
    assertEquals(5710, config.getNetworkConfig().getPort());
    assertFalse(config.getMetricsConfig().isEnabled(), "Hazelcast's own metrics: read by nothing, collected by nothing");
    assertTrue(config.getNetworkConfig().isReuseAddress(), "a node restarted at once gets its port back, despite TIME_WAIT");
    assertEquals("0", config.getProperty("hazelcast.wait.seconds.before.join"));
    assertEquals("10.0.0.1", config.getProperty("hazelcast.local.localAddress"));
    assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    assertFalse(config.getNetworkConfig().getInterfaces().isEnabled(), "member names must not be filtered by interface");
    assertTrue(config.getMultiMapConfigs().containsKey("__vertx.subs"), "Vert.x's own maps are kept");
    assertEquals("5", config.getProperty("hazelcast.merge.first.run.delay.seconds"), "a split is looked for every 5 s, not after 300 s");
    assertEquals("5", config.getProperty("hazelcast.merge.next.run.delay.seconds"));
    assertEquals("1", config.getProperty("hazelcast.tcp.join.port.try.count"), "a bare host is its cluster port only: no dead ports for the split-brain search to wait on");
  }

  @Test
  @DisplayName("a member list of several hosts and ports, the node's own among them, is taken as given")
  void memberList() {
    ClusterSettings settings = new ClusterSettings("a", List.of("10.0.0.1", " 10.0.0.2:5702", "10.0.0.3:5701", "[::1]:5701", "::1", ""),
        "10.0.0.3", null, 5701);
    assertEquals(List.of("10.0.0.1", "10.0.0.2:5702", "10.0.0.3:5701", "[::1]:5701", "::1"), settings.members());
  }

  @Test
  @DisplayName("bad settings are refused with what is wrong")
  void refusesBadSettings() {
    assertEquals("cluster name must not be empty", assertThrows(IllegalArgumentException.class,
        () -> new ClusterSettings(" ", List.of("127.0.0.1"), "127.0.0.1", null, 5701)).getMessage());
    assertEquals("member list must name at least one seed member", assertThrows(IllegalArgumentException.class,
        () -> new ClusterSettings("a", List.of(), "127.0.0.1", null, 5701)).getMessage());
    assertEquals("cluster port 70000 is out of range 1-65535", assertThrows(IllegalArgumentException.class,
        () -> new ClusterSettings("a", List.of("127.0.0.1"), "127.0.0.1", null, 70000)).getMessage());
    assertEquals("member '10.0.0.1:5701-5703' is not host or host:port with a port 1-65535 (one port per entry: "
        + "10.0.0.1:5701,10.0.0.1:5702)", assertThrows(IllegalArgumentException.class,
        () -> new ClusterSettings("a", List.of("10.0.0.1:5701-5703"), "127.0.0.1", null, 5701)).getMessage());
  }
}
