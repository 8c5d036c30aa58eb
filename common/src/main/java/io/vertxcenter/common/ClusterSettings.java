package io.vertxcenter.common;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node finds and joins its cluster. Hazelcast joins over TCP-IP with a member list
 * (multicast off: it made a second node wait several times longer; README, Measurements), under a cluster
 * name so that two clusters on one network never merge.
 *
 * <p>Every node should be told of every member that may exist, not only a seed: a node restarted
 * alone finds the others through its list, and after a split (a frozen process, a network cut)
 * Hazelcast's split-brain handler looks for the other side at these addresses. A list that names
 * only the node itself joins nobody: the node says so in one WARN line once it has started
 * ({@link LoneMemberWarning}).
 *
 * @param name        cluster name; nodes with another name are never joined
 * @param members     the members to look for, {@code host} (that host at {@code port}, this node's own) or
 *                    {@code host:port}; the node's own address may be among them
 * @param host        the address Hazelcast and the event bus bind to
 * @param publicHost  the address other nodes use to reach this one (NAT, containers), or null
 * @param port        the first Hazelcast port tried; the next free one is taken if it is in use
 * @throws IllegalArgumentException for an empty name or member list, a member that is not
 *         {@code host} or {@code host:port}, or a port out of 1-65535
 */
public record ClusterSettings(String name, List<String> members, String host, String publicHost, int port) {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSettings.class);
  public static final String DEFAULT_NAME = "vertxcenter";
  public static final int DEFAULT_PORT = 5701;
  /** How often a cluster's master looks for another cluster of the same name to merge with, in seconds. */
  public static final int MERGE_CHECK_SECONDS = 5;
  /** Hazelcast partitions of the cluster (Hazelcast's default is 271); the same on every member. */
  static final int PARTITIONS = 23;
  /** How long a starting node looks for a master among the listed members before it claims mastership, in seconds. */
  static final int JOIN_ASK_SECONDS = 1;
  /** How long Hazelcast waits before it tries a failed operation again, in ms (its default: 500). */
  static final int RETRY_PAUSE_MILLIS = 100;

  public ClusterSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("cluster name must not be empty");
    }
    members = members == null ? List.of() : members.stream().map(String::trim).filter(member -> !member.isEmpty()).toList();
    if (members.isEmpty()) {
      throw new IllegalArgumentException("member list must name at least one seed member");
    }
    members.forEach(ClusterSettings::checkMember);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster port " + port + " is out of range 1-65535");
    }
  }

  /** A member entry is {@code host} or {@code host:port}; Hazelcast throws on a port range such as {@code host:5701-5703}. */
  private static void checkMember(String member) {
    int colon = member.lastIndexOf(':');
    boolean ipv6WithoutPort = member.indexOf(':') != colon && !member.startsWith("[");
    if (colon < 0 || ipv6WithoutPort || member.endsWith("]")) {
      return;
    }
    String port = member.substring(colon + 1);
    if (colon == 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("member '" + member + "' is not host or host:port with a port 1-65535"
          + " (one port per entry: 10.0.0.1:5701,10.0.0.1:5702)");
    }
  }

  /**
   * Vert.x's own Hazelcast maps (those of its default-cluster.xml, built here: parsing and
   * schema-checking that XML cost a node ~0.5 CPU s at start) plus our network and join settings,
   * under the cluster name {@code identity} makes of {@link #name()}: only nodes that share the
   * cluster's token and TLS material join.
   */
  public Config hazelcastConfig(ClusterIdentity identity) {
    Config config = new Config();
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    config.setClusterName(identity.hazelcastName(name));
    // A cluster of this project holds a handful of small entries (subscriptions, the nodes'
    // entries): 271 partitions (the default) make every join and every leave move 271 partitions
    // and their backups; 23 are plenty for tens of nodes. Every member must use the same count.
    config.setProperty("hazelcast.partition.count", String.valueOf(PARTITIONS));
    // Thread pools for that little data (defaults: 3 IO threads each way, 5 event threads, 2
    // generic and 2 response threads, 42 Hazelcast threads a node), and no periodic self-checks
    // (health monitor, slow-operation detector, IO balancer) waking an idle node: 30 threads.
    config.setProperty("hazelcast.io.thread.count", "1");
    config.setProperty("hazelcast.event.thread.count", "1");
    config.setProperty("hazelcast.operation.generic.thread.count", "1");
    config.setProperty("hazelcast.response.thread.count", "1");
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    config.setProperty("hazelcast.slow.operation.detector.enabled", "false");
    config.setProperty("hazelcast.io.balancer.interval.seconds", "-1");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", System.getProperty("hazelcast.logging.type", "slf4j"));
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", host);
    // A node killed with -9 must leave the registry within seconds. Its peers see its connection
    // closed, then refused when they reconnect (a heartbeat, or any operation, tries); after the
    // second such fault it is suspected and removed. The defaults (a heartbeat every 5 s, 3 faults)
    // took over 5 s (common/README.md). A heartbeat every 2 s, not 1 s: each one goes to every member
    // and wakes four Hazelcast threads on both ends, ~0.2 % of a core per idle node of four
    // (bench/README.md, "Idle CPU"); a kill is still seen in under a second, and a frozen or cut-off
    // node after max.no.heartbeat below either way.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
    config.setProperty("hazelcast.connection.monitor.max.faults", "2");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "30");
    // A member that left stays listed until two reconnects fail; between containers its address is
    // gone and each attempt waits the whole connect timeout (default 10 s), which every later clean
    // leave then waits twice (README, Measurements).
    config.setProperty("hazelcast.socket.connect.timeout.seconds", "2");
    // A node cut off long enough to be removed (max.no.heartbeat above: a frozen JVM, a network
    // cut) forms a cluster of its own; Hazelcast's split-brain handler finds the other side at the
    // member list's addresses and merges it back, but by default looks first after 300 s and then
    // every 120 s, so a frozen node would stay outside for minutes; every 5 s brings it back within
    // seconds of being reachable again (README, Measurements). On MERGED, Vert.x republishes the node's event-bus subscriptions
    // and ClusterRejoin its registry entry.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(MERGE_CHECK_SECONDS));
    config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(MERGE_CHECK_SECONDS));
    // A bare host in the member list means its cluster port only, not Hazelcast's default of three
    // ports from it: the split-brain search tries every listed address that is not a member, and
    // waits 5 s (hard-coded) on each where nothing listens, so two dead ports per host held a node
    // cut off from 4 others outside the cluster up to 40 s after its link came back.
    config.setProperty("hazelcast.tcp.join.port.try.count", "1");
    // Hazelcast's own metrics (collected every 5 s for Management Center and JMX) are read by
    // nothing here: the nodes' metrics are Vert.x's, through Micrometer. Off, they cost no CPU, and
    // a planned stop no longer logs a collection cycle interrupted mid-way as a stack trace.
    config.getMetricsConfig().setEnabled(false);
    // An operation sent to a member that has just left (a planned stop: Vert.x's leave deregisters
    // its listeners on every member) fails at once, and Hazelcast tries it again after a pause of
    // 500 ms by default, when the member is off the list: every node of 'down' after the first
    // waited ~0.65 s for it. Pauses of 100 ms, five times as many tries: the same 125 s before an
    // operation gives up.
    config.setProperty("hazelcast.invocation.retry.pause.millis", String.valueOf(RETRY_PAUSE_MILLIS));
    config.setProperty("hazelcast.invocation.max.retry.count", String.valueOf(250 * 500 / RETRY_PAUSE_MILLIS));

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true).setPortCount(100);
    // A node restarted right after a stop gets its port back: the stopped node's connections may
    // linger on it (TIME_WAIT) for a minute, and without this the node would take the next port,
    // where the members list the others were given does not look.
    network.setReuseAddress(true);
    // No interface pinning: with it Hazelcast skips member names that resolve to another address,
    // so '--members otherhost' could never join. localAddress with bind.any=false pins the bind.
    if (publicHost != null && !publicHost.isBlank()) {
      network.setPublicAddress(publicHost);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    // How long a starting node asks the listed members who the master is before the lowest-addressed
    // one claims mastership (Hazelcast's default: 5 s). Nodes started together (center up) find no
    // master to ask, so each waited the whole 5 s; on a reachable network 1 s is plenty, and a claim
    // that finds a listed member not yet answering is simply tried again.
    join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(JOIN_ASK_SECONDS);
    // a list of only this node joins nobody: said once the node has started (its port is known then)
    config.addListenerConfig(new ListenerConfig(new LoneMemberWarning(this, LOG::warn)));
    return config;
  }
}
