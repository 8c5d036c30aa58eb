package io.vertxcenter.launcher;

/**
 * The flag names of {@code center node}, one owner for both sides: the command's {@code @Option}s
 * are declared with them, and {@link NodeConfig#toArgs()} writes a child node's command line with
 * them ({@code center up}), so the two never drift apart.
 */
public final class NodeFlags {
  /** Roles of the node, comma-separated. */
  public static final String ROLES = "--roles";
  /** Worker verticle instances of the worker role; 0 means one per core. */
  public static final String WORKERS = "--workers";
  /** The CLI bridge's address and port (0: no bridge). */
  public static final String BRIDGE_HOST = "--bridge-host";
  public static final String BRIDGE_PORT = "--bridge-port";
  /** The HTTP endpoints' address and port (0: none). */
  public static final String HTTP_HOST = "--http-host";
  public static final String HTTP_PORT = "--http-port";
  /** The server role's TCP address and port. */
  public static final String SERVER_HOST = "--server-host";
  public static final String SERVER_PORT = "--server-port";
  /** The client role's load at start, as {@code KEY=VALUE} pairs. */
  public static final String CLIENT_LOAD = "--client-load";
  /** The monitor role's print mode. */
  public static final String PRINT = "--print";
  /** The cluster: its name, its members, this node's bind and public address, the first Hazelcast port. */
  public static final String CLUSTER_NAME = "--cluster-name";
  public static final String MEMBERS = "--members";
  public static final String CLUSTER_HOST = "--cluster-host";
  public static final String PUBLIC_HOST = "--public-host";
  public static final String CLUSTER_PORT = "--cluster-port";
  /** Security: the cluster token's file, the event bus's TLS key material. */
  public static final String TOKEN_FILE = "--token-file";
  public static final String TLS_DIR = "--tls-dir";

  private NodeFlags() {}
}
