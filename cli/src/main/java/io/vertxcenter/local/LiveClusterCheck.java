package io.vertxcenter.local;

import io.vertxcenter.connect.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Before {@code center up} starts anything: no Hazelcast member may answer on the cluster ports its
 * plan searched. The plan skips ports in use, so a cluster started from another {@code CENTER_HOME}
 * (or by hand) would otherwise sit among the new nodes' ports, and a node of either that restarts
 * could take a port the other's member list names. A port in use is asked Hazelcast's member
 * protocol header ({@code HZC}); a member answers with the same three bytes, any other listener
 * does not and is skipped as before.
 */
public final class LiveClusterCheck {
  private static final byte[] MEMBER_PROTOCOL = "HZC".getBytes(StandardCharsets.US_ASCII);
  private static final int PROBE_TIMEOUT_MS = 500;

  private LiveClusterCheck() {}

  /**
   * Probes every port in use from the first cluster port to the last one {@code plan} took.
   *
   * @throws CliException (exit {@link CliException#FAILED}) naming the first port where a Hazelcast member answers and what to do
   */
  public static void refuseOverLiveCluster(LocalClusterPlan plan) {
    int first = plan.settings().clusterPortFrom();
    int last = plan.nodes().stream().mapToInt(LocalClusterPlan.LocalNode::clusterPort).max().orElse(first);
    for (int port = first; port <= last; port++) {
      if (!LocalClusterPlan.isFree(port) && answersAsMember(port)) {
        throw new CliException(CliException.FAILED, "another cluster already answers on port " + port
            + " (a Hazelcast member, among the cluster ports " + first + "-" + last + " this cluster would use): "
            + "stop it ('center down' with its CENTER_HOME), or choose other ports with --cluster-port");
      }
    }
  }

  private static boolean answersAsMember(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LocalClusterPlan.HOST, port), PROBE_TIMEOUT_MS);
      socket.setSoTimeout(PROBE_TIMEOUT_MS);
      socket.getOutputStream().write(MEMBER_PROTOCOL);
      InputStream in = socket.getInputStream();
      return Arrays.equals(MEMBER_PROTOCOL, in.readNBytes(MEMBER_PROTOCOL.length));
    } catch (IOException e) {
      return false;
    }
  }
}
