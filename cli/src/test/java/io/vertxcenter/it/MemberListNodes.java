package io.vertxcenter.it;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Test support: a cluster of separate JVMs laid out as {@code center up} lays it out, on free
 * ports under a random cluster name. Every node has its own Hazelcast port and CLI bridge and is
 * told of every node's Hazelcast port (a member list, not one seed).
 */
final class MemberListNodes implements AutoCloseable {

  /** A started node: its CLI bridge port and its process. */
  private record Slot(int bridgePort, NodeProcess process) {}

  private final String clusterName = "it-" + UUID.randomUUID();
  private final List<Integer> clusterPorts = new ArrayList<>();
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  /** A layout for {@code size} nodes: that many Hazelcast ports, all in every node's member list. */
  MemberListNodes(int size) {
    for (int i = 0; i < size; i++) {
      clusterPorts.add(NodeProcess.freePort());
    }
  }

  /** Starts the next node (not awaited): {@code center node --roles ROLES …} plus {@code extra}. */
  NodeProcess start(String name, String roles, String... extra) {
    int index = slots.size();
    int bridgePort = NodeProcess.freePort();
    List<String> args = new ArrayList<>(List.of("node", "--roles", roles, "--cluster-name", clusterName,
        "--members", clusterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")),
        "--cluster-port", String.valueOf(clusterPorts.get(index)),
        "--bridge-port", String.valueOf(bridgePort)));
    args.addAll(List.of(extra));
    Slot slot = new Slot(bridgePort, NodeProcess.start(name, args));
    slots.put(name, slot);
    return slot.process;
  }

  NodeProcess node(String name) {
    return slots.get(name).process();
  }

  private String bridge(String name) {
    return "127.0.0.1:" + slots.get(name).bridgePort();
  }

  /** Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}) to the named node's JVM. */
  void signal(String name, String signal) {
    node(name).signal(signal);
  }


  /** A command to a role, sent through the named node's CLI bridge. */
  JsonObject request(String via, Role role, String action) {
    try (ClusterConnection connection = ClusterConnection.open(List.of(bridge(via)), NodeProcess.TOKEN)) {
      return connection.request(Addresses.role(role), action, new JsonObject(), "no " + role.label() + " node");
    }
  }

  /** The pids the registry of the node with this CLI bridge lists (a bridge answers cluster status itself). */
  static Set<Long> registryAt(String bridge) {
    try (ClusterConnection connection = ClusterConnection.open(List.of(bridge), NodeProcess.TOKEN)) {
      return connection.clusterStatus().getJsonArray("nodes").stream()
          .map(node -> ((JsonObject) node).getLong("pid")).collect(Collectors.toSet());
    }
  }

  /** The pids the named node's own copy of the registry lists. */
  Set<Long> registryOf(String name) {
    return registryAt(bridge(name));
  }

  /**
   * Waits until the registry of every named node lists exactly the named nodes' current pids.
   *
   * @return how long it took, in ms
   */
  long awaitEveryRegistry(Set<String> names, Duration timeout) {
    return awaitEveryRegistry(names.stream().map(this::bridge).toList(),
        names.stream().map(name -> node(name).pid()).collect(Collectors.toSet()), timeout);
  }

  /**
   * Waits until the registry of the node behind each bridge lists exactly these pids.
   *
   * @return how long it took, in ms
   */
  static long awaitEveryRegistry(List<String> bridges, Set<Long> pids, Duration timeout) {
    long start = System.nanoTime();
    for (String bridge : bridges) {
      await("the registry of the node at " + bridge + " listing " + pids, () -> {
        try {
          return registryAt(bridge);
        } catch (CliException e) {
          return Set.of();
        }
      }, pids::equals, timeout.minusNanos(System.nanoTime() - start));
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** {@link Eventually#await}: polls {@code value} every 100 ms until it matches, or fails after the deadline. */
  static <T> T await(String what, Supplier<T> value, Predicate<T> done, Duration timeout) {
    return Eventually.await(what, value, done, timeout);
  }

  @Override
  public void close() {
    slots.values().forEach(slot -> slot.process().close());
  }
}
