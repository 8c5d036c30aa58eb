package io.vertxcenter.cli;

import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.EventBusTls;
import io.vertxcenter.node.NodeConfig;
import io.vertxcenter.node.NodeFlags;
import io.vertxcenter.local.LocalClusterState;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * A node's security flags: the cluster token its CLI bridge demands, and mutual TLS on its event
 * bus. Without a token configured, a node that serves a bridge makes one in
 * {@code $CENTER_HOME/token} (0600), so its bridge is never open to whoever reaches the port and a
 * CLI of the same user on the same machine (or in the same container) finds it with no flag.
 */
public class SecurityOptions {
  private static final Set<String> YES = Set.of("1", "true", "yes", "on");

  @Option(names = NodeFlags.TOKEN_FILE, paramLabel = "FILE", converter = FilePaths.ReadableFile.class, defaultValue = "${env:" + ClusterToken.FILE_ENV + "}",
      description = "File holding the cluster token the CLI bridge demands (env " + ClusterToken.FILE_ENV
          + "; else env " + ClusterToken.ENV + ", else $CENTER_HOME/" + ClusterToken.FILE_NAME + ", made if missing).")
  Path tokenFile;

  @Option(names = NodeFlags.TLS_DIR, paramLabel = "DIR", converter = FilePaths.ExistingDirectory.class, defaultValue = "${env:" + EventBusTls.DIR_ENV + "}",
      description = "Mutual TLS on the event bus with the key material 'center certs DIR' wrote, shared by every node "
          + "(env " + EventBusTls.DIR_ENV + "; " + EventBusTls.ENV + "=1 means $CENTER_HOME/" + EventBusTls.HOME_DIR + ").")
  Path tlsDir;

  /** The directory of the event bus's key material, or null when TLS is off. */
  Path tlsDirectory() {
    if (tlsDir != null) {
      return tlsDir;
    }
    String flag = System.getenv(EventBusTls.ENV);
    return flag != null && YES.contains(flag.trim().toLowerCase())
        ? LocalClusterState.home().resolve(EventBusTls.HOME_DIR)
        : null;
  }

  /** These flags as the node's typed settings: the token file, and the TLS directory ({@link #tlsDirectory()}). */
  NodeConfig.Security settings() {
    return new NodeConfig.Security(tokenFile, tlsDirectory());
  }
}
