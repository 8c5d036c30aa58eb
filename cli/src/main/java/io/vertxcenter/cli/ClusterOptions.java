package io.vertxcenter.cli;

import io.vertxcenter.common.ClusterSettings;
import io.vertxcenter.node.NodeFlags;
import java.util.List;
import picocli.CommandLine.Option;

/** Cluster flags of a node, each with an environment fallback (for containers). */
public class ClusterOptions {

  @Option(names = NodeFlags.CLUSTER_NAME, paramLabel = "NAME", converter = Addresses.ClusterName.class,
      defaultValue = "${env:CENTER_CLUSTER_NAME:-" + ClusterSettings.DEFAULT_NAME + "}",
      description = "Cluster name; nodes with another name never join (env CENTER_CLUSTER_NAME, default ${DEFAULT-VALUE}).")
  String name;

  @Option(names = NodeFlags.MEMBERS, paramLabel = "HOST[:PORT]", split = ",", converter = Addresses.Member.class,
      defaultValue = "${env:CENTER_MEMBERS:-127.0.0.1}",
      description = "Every member that may exist, comma-separated: HOST:PORT, or HOST for HOST:<this node's --cluster-port> "
          + "(so nodes with other cluster ports, two on one host say, are listed as HOST:PORT); this node's own address may be among them. A restarted node finds the others, and a split "
          + "cluster heals, through this list (env CENTER_MEMBERS, default ${DEFAULT-VALUE}).")
  List<String> members;

  @Option(names = NodeFlags.CLUSTER_HOST, paramLabel = "IP", converter = Addresses.Host.class,
      defaultValue = "${env:CENTER_CLUSTER_HOST:-127.0.0.1}",
      description = "Address Hazelcast and the event bus bind to (env CENTER_CLUSTER_HOST, default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = NodeFlags.PUBLIC_HOST, paramLabel = "HOST", converter = Addresses.Host.class,
      defaultValue = "${env:CENTER_PUBLIC_HOST}",
      description = "Address other nodes reach this one at, when it differs from --cluster-host (env CENTER_PUBLIC_HOST).")
  String publicHost;

  @Option(names = NodeFlags.CLUSTER_PORT, paramLabel = "PORT", converter = WholeNumber.Port.class,
      defaultValue = "${env:CENTER_CLUSTER_PORT:-" + ClusterSettings.DEFAULT_PORT + "}",
      description = "First Hazelcast port to try; the next free one is taken (env CENTER_CLUSTER_PORT, default ${DEFAULT-VALUE}).")
  int port;

  ClusterSettings settings() {
    return new ClusterSettings(name, members, host, publicHost, port);
  }
}
