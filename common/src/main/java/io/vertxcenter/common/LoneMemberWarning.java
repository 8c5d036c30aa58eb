package io.vertxcenter.common;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.MembershipEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Says so, in one WARN line when the node has started, when the member list of a node's TCP-IP
 * join names only the node itself ({@code --members 10.0.0.1:5701} on the node at
 * 10.0.0.1:5701, or the default {@code 127.0.0.1} on the first node of a machine): such a node
 * looks for nobody and waits alone until a node that lists it joins. Whether a member is this node
 * is decided on the address Hazelcast took (the port may be the next free one after
 * {@code --cluster-port}, and then the list names another node) and on the addresses the listed
 * names resolve to (a name that resolves to one of this node's addresses, at its port, is this node;
 * one that does not resolve is taken as another node).
 */
final class LoneMemberWarning implements InitialMembershipListener {
  private final ClusterSettings settings;
  private final Consumer<String> warn;

  /**
   * @param settings the node's cluster settings, whose member list is checked
   * @param warn     where the one warning line goes (the log's WARN)
   */
  LoneMemberWarning(ClusterSettings settings, Consumer<String> warn) {
    this.settings = settings;
    this.warn = warn;
  }

  /** Hazelcast calls this once, when the listener is registered: the node has started and joined, or formed, its cluster. */
  @Override
  public void init(InitialMembershipEvent event) {
    Address own = event.getCluster().getLocalMember().getAddress();
    List<InetAddress> ownHosts = new ArrayList<>();
    addResolved(ownHosts, own.getHost());
    addResolved(ownHosts, settings.host());
    if (namesOnly(ownHosts, own.getPort())) {
      warn.accept("the member list (" + String.join(",", settings.members()) + ") names only this node, " + own.getHost() + ":"
          + own.getPort() + ": it looks for no other node and waits alone until one that lists it joins; to join other"
          + " nodes, list their host:port in --members (a bare host stands for this node's cluster port, " + settings.port() + ")");
    }
  }

  @Override
  public void memberAdded(MembershipEvent event) {}

  @Override
  public void memberRemoved(MembershipEvent event) {}

  /** Whether every member of the list is this node: a name resolving to one of {@code ownHosts}, at {@code ownPort}. */
  boolean namesOnly(List<InetAddress> ownHosts, int ownPort) {
    for (String member : settings.members()) {
      int colon = member.lastIndexOf(':');
      boolean hasPort = colon > 0 && (member.indexOf(':') == colon || member.startsWith("[")) && !member.endsWith("]");
      String host = hasPort ? member.substring(0, colon) : member;
      int port = hasPort ? Integer.parseInt(member.substring(colon + 1)) : settings.port();
      if (port != ownPort) {
        return false; // no name looked up: Hazelcast has just resolved the list's names, but a list may be long
      }
      List<InetAddress> resolved = new ArrayList<>();
      addResolved(resolved, host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
      if (resolved.stream().noneMatch(ownHosts::contains)) {
        return false;
      }
    }
    return true;
  }

  /** Adds the addresses {@code host} resolves to; none when it does not. */
  private static void addResolved(List<InetAddress> addresses, String host) {
    try {
      addresses.addAll(List.of(InetAddress.getAllByName(host)));
    } catch (UnknownHostException e) {
      // a name that does not resolve here: another node's, or none
    }
  }
}
