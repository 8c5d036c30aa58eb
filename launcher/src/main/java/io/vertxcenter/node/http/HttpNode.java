package io.vertxcenter.node.http;

import io.vertxcenter.common.Role;
import java.util.List;
import java.util.Set;

/**
 * What a node's HTTP endpoints need to know about the node.
 *
 * @param nodeId    the node's short id ({@code server-3fa2b1})
 * @param clusterId the cluster manager's id of the node, its key in the registry
 * @param roles     the roles the node runs
 * @param host      the address the HTTP server binds to (loopback unless told otherwise)
 * @param port      the HTTP port, 1-65535
 * @param allowedHosts names besides loopback and {@code host} that requests may give in {@code Host}
 *                  ({@code --http-allowed-hosts}: compose service names, a proxy's name); empty for none
 */
public record HttpNode(String nodeId, String clusterId, Set<Role> roles, String host, int port, List<String> allowedHosts) {

  /** {@code host:port}, as the registry and {@code cluster status} show it. */
  public String address() {
    return host + ":" + port;
  }
}
