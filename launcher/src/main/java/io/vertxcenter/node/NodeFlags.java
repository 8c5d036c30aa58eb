package io.vertxcenter.node;

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
  /** The CLI bridge's address. */
  public static final String BRIDGE_HOST = "--bridge-host";
  /** The CLI bridge's port, 1-65535; 0 means no bridge. */
  public static final String BRIDGE_PORT = "--bridge-port";
  /** The HTTP endpoints' address. */
  public static final String HTTP_HOST = "--http-host";
  /** Names besides loopback and the HTTP host that requests may give in {@code Host}, comma-separated. */
  public static final String HTTP_ALLOWED_HOSTS = "--http-allowed-hosts";
  /** The HTTP endpoints' port, 1-65535; 0 means none. */
  public static final String HTTP_PORT = "--http-port";
  /** The address the server role's TCP server listens on. */
  public static final String SERVER_HOST = "--server-host";
  /** The server role's TCP port, 1-65535. */
  public static final String SERVER_PORT = "--server-port";
  /** The server role's ack port, 1-65535; 0 means none. */
  public static final String ACK_PORT = "--ack-port";
  /** The server role's data directory, where its write-ahead log lives. */
  public static final String DATA_DIR = "--data-dir";
  /** How far the server secures lines before forwarding them: none, write or fsync. */
  public static final String DURABILITY = "--durability";
  /** The server's data log's size bound in bytes. */
  public static final String DATA_MAX_BYTES = "--data-max-bytes";
  /** The client role's load at start, as {@code KEY=VALUE} pairs. */
  public static final String CLIENT_LOAD = "--client-load";
  /** The monitor role's print mode. */
  public static final String PRINT = "--print";
  /** The cluster's name: nodes with another never join. */
  public static final String CLUSTER_NAME = "--cluster-name";
  /** Every member that may exist, {@code HOST} (at this node's cluster port) or {@code HOST:PORT}, comma-separated. */
  public static final String MEMBERS = "--members";
  /** The address Hazelcast and the event bus bind to. */
  public static final String CLUSTER_HOST = "--cluster-host";
  /** The address other nodes reach this one at, behind NAT. */
  public static final String PUBLIC_HOST = "--public-host";
  /** The first Hazelcast port tried, 1-65535. */
  public static final String CLUSTER_PORT = "--cluster-port";
  /** The file of the cluster token (also the CLI's flag of that name). */
  public static final String TOKEN_FILE = "--token-file";
  /** The event bus's TLS key material, as {@code center certs} wrote it. */
  public static final String TLS_DIR = "--tls-dir";

  private NodeFlags() {}
}
