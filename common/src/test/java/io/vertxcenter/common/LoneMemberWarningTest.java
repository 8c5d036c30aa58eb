package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one WARN line of a node whose member list names only itself, decided on the address Hazelcast took. */
class LoneMemberWarningTest {
  private static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());

  @Test
  @DisplayName("a list of only this node's address, bare, with its port, by name or repeated, names only it; another port or host does not")
  void namesOnlyItself() {
    assertTrue(names(List.of("127.0.0.1"), 5701), "a bare host is this node's cluster port");
    assertTrue(names(List.of("127.0.0.1:5701")));
    assertTrue(names(List.of("localhost:5701", "127.0.0.1")), "by name, and twice");
    assertFalse(names(List.of("127.0.0.1"), 5702), "the node took the next port: 5701 is another node");
    assertFalse(names(List.of("127.0.0.1:5701", "127.0.0.1:5702")), "another node on this host");
    assertFalse(names(List.of("127.0.0.1:5701", "10.0.0.2:5701")), "another host");
    assertFalse(names(List.of("no-such-node.invalid:5701")), "a name that does not resolve is not this node");
  }

  @Test
  @DisplayName("a real node listing only itself warns once, naming its address and --members; one that lists it joins and does not warn")
  void warnsOnceWhenAlone() {
    String cluster = "lone-" + UUID.randomUUID();
    int firstPort = TestPorts.free();
    int secondPort = TestPorts.free();
    List<String> firstWarnings = new CopyOnWriteArrayList<>();
    List<String> secondWarnings = new CopyOnWriteArrayList<>();
    ClusterSettings alone = new ClusterSettings(cluster, List.of("127.0.0.1:" + firstPort), "127.0.0.1", null, firstPort);
    ClusterSettings joining = new ClusterSettings(cluster, List.of("127.0.0.1:" + firstPort), "127.0.0.1", null, secondPort);
    HazelcastInstance first = Hazelcast.newHazelcastInstance(withWarnings(alone, firstWarnings));
    try {
      HazelcastInstance second = Hazelcast.newHazelcastInstance(withWarnings(joining, secondWarnings));
      try {
        assertEquals(2, second.getCluster().getMembers().size(), "the second node joined the first");
        assertEquals(List.of("the member list (127.0.0.1:" + firstPort + ") names only this node, 127.0.0.1:" + firstPort
            + ": it looks for no other node and waits alone until one that lists it joins; to join other nodes, list their"
            + " host:port in --members (a bare host stands for this node's cluster port, " + firstPort + ")"), firstWarnings);
        assertEquals(List.of(), secondWarnings, "its list names another node");
      } finally {
        second.getLifecycleService().terminate();
      }
    } finally {
      first.getLifecycleService().terminate();
    }
  }

  @Test
  @DisplayName("every node's Hazelcast config carries the check")
  void installed() {
    Config config = new ClusterSettings("a", List.of("127.0.0.1"), "127.0.0.1", null, 5701).hazelcastConfig(ClusterIdentity.NAME_ONLY);
    assertTrue(config.getListenerConfigs().stream().anyMatch(listener -> listener.getImplementation() instanceof LoneMemberWarning));
  }

  private static boolean names(List<String> members) {
    return names(members, 5701);
  }

  private static boolean names(List<String> members, int ownPort) {
    return new LoneMemberWarning(new ClusterSettings("a", members, "127.0.0.1", null, 5701), line -> { })
        .namesOnly(LOOPBACK, ownPort);
  }

  /** The node's config, its warnings also going to {@code warnings}. */
  private static Config withWarnings(ClusterSettings settings, List<String> warnings) {
    return settings.hazelcastConfig(ClusterIdentity.NAME_ONLY).addListenerConfig(new ListenerConfig(new LoneMemberWarning(settings, warnings::add)));
  }
}
