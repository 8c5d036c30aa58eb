package io.vertxcenter.common;

/**
 * Every event-bus address VertxCenter uses. All live under {@code center.}; the TCP bridge that
 * the CLI talks to lets through exactly the addresses matched by {@link #BRIDGE_INBOUND_REGEX}
 * and {@link #BRIDGE_OUTBOUND_REGEX}.
 */
public final class Addresses {
  private Addresses() {}

  public static final String PREFIX = "center.";

  /** Cluster commands, which any node answers ({@code status}: the node registry). */
  public static final String CLUSTER = "center.cluster";

  /** Server to monitor: batches of received lines, request-reply (the reply is the ack). */
  public static final String DATA = "center.data";

  /**
   * Server to one monitor, {@code nodeId}'s: the same batches as {@link #DATA}, sent where the
   * previous acknowledgement came from, so a batch sent again reaches the monitor that may have
   * shown it (which drops what it has seen) while that monitor lives.
   */
  public static String data(String nodeId) {
    return DATA + "." + nodeId;
  }

  /** Best-effort copy of the data stream, published by the monitor for `monitor tail`. */
  public static final String TAP = "center.tap";

  /** Chunks of the CPU-bound task, point-to-point to any worker instance in the cluster. */
  public static final String WORK = "center.work";

  /** Commands for whichever node has the role (one of them answers). */
  public static String role(Role role) {
    return PREFIX + role.label();
  }

  /** Commands for one node as a whole ({@code status}: its registry entry). */
  public static String node(String nodeId) {
    return PREFIX + "node." + nodeId;
  }

  /** Commands for one role on one node. */
  public static String nodeRole(String nodeId, Role role) {
    return PREFIX + "node." + nodeId + "." + role.label();
  }

  /** The counts of one node's CLI bridge ({@code status}: connections, refused and malformed frames, drops). */
  public static String nodeBridge(String nodeId) {
    return PREFIX + "node." + nodeId + ".bridge";
  }

  /**
   * Inside one node: the worker role tells the node's registry entry its new instance count after
   * a scale. Outside the bridge's inbound addresses, so a CLI cannot rewrite the registry.
   */
  public static String nodeVerticles(String nodeId) {
    return PREFIX + "internal." + nodeId + ".verticles";
  }

  /**
   * Inside one node: a role's state or reason changed ({@link RoleState}). The message has no body:
   * the node asks its roles again ({@link RoleReplies}). Outside the bridge's inbound addresses.
   */
  public static String nodeStateChanged(String nodeId) {
    return PREFIX + "internal." + nodeId + ".state-changed";
  }

  /** Commands the CLI may send through the bridge: status and role commands, never data or work. */
  public static final String BRIDGE_INBOUND_REGEX =
      "center\\.(cluster|server|client|monitor|worker|node\\.[^.]+(\\.[a-z]+)?)";

  /** What the CLI may listen to through the bridge. */
  public static final String BRIDGE_OUTBOUND_REGEX = "center\\.tap";
}
