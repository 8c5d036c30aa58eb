package io.vertxcenter.local;

import io.vertxcenter.connect.CliException;
import io.vertxcenter.server.Durability;

/**
 * What {@code center up} was asked for, checked: the values a {@link LocalClusterPlan} is made from.
 *
 * @param workers         worker verticle instances per worker JVM, 0-256; 0 means one per core
 * @param workerNodes     worker JVMs, 0-16
 * @param clusterName     the Hazelcast cluster name
 * @param bridgePort      the first node's CLI bridge port; the others take the next ports
 * @param httpPort        the server node's HTTP port (the others take the next free ones), 0 for none
 * @param serverPort      the TCP server's port
 * @param ackPort         the TCP server's ack port, 0 for none
 * @param durability      how far the server secures lines before forwarding them (its data log is
 *                        {@code $CENTER_HOME/data/server})
 * @param clientRate      lines per second the client node sends from the start, 0 for none; the client's rate range
 * @param clusterPortFrom the first Hazelcast port to try
 * @param tls             mutual TLS on the event bus
 * @param timeoutSeconds  how long to wait for the cluster to be ready, in seconds
 */
public record LocalClusterSettings(int workers, int workerNodes, String clusterName, int bridgePort, int httpPort,
                                   int serverPort, int ackPort, Durability durability, int clientRate, int clusterPortFrom,
                                   boolean tls, int timeoutSeconds) {
  /**
   * @throws CliException (usage) when workers, worker nodes or the client rate is out of range, naming the
   *     flag and the range; when a port range does not hold every node, or the ack port is the server's
   */
  public LocalClusterSettings {
    UpLimits.check(workers, workerNodes, clientRate);
    UpLimits.checkPorts(workerNodes, bridgePort, httpPort, clusterPortFrom, serverPort, ackPort);
  }
}
