package io.vertxcenter.cli;

import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.EventBusTls;
import io.vertxcenter.local.LocalClusterState;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * A node's security flags: the cluster token its CLI bridge demands, and mutual TLS on its event
 * bus. Without a token configured, a node that serves a bridge makes one in
 * {@code $CENTER_HOME/token} (0600), so its bridge is never open to whoever reaches the port and a
 * CLI of the same user on the same machine (or in the same container) finds it with no flag.
 */
public class SecurityOptions {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityOptions.class);
  private static final Set<String> YES = Set.of("1", "true", "yes", "on");

  @Option(names = "--token-file", paramLabel = "FILE", converter = OptionValues.ReadableFile.class, defaultValue = "${env:" + ClusterToken.FILE_ENV + "}",
      description = "File holding the cluster token the CLI bridge demands (env " + ClusterToken.FILE_ENV
          + "; else env " + ClusterToken.ENV + ", else $CENTER_HOME/" + ClusterToken.FILE_NAME + ", made if missing).")
  Path tokenFile;

  @Option(names = "--tls-dir", paramLabel = "DIR", converter = OptionValues.ExistingDirectory.class, defaultValue = "${env:" + EventBusTls.DIR_ENV + "}",
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

  /**
   * Vert.x options with the event bus's TLS, when on.
   *
   * @throws IllegalArgumentException when TLS is on and its directory holds no key material
   */
  VertxOptions vertxOptions() {
    Path dir = tlsDirectory();
    EventBusOptions eventBus = new EventBusOptions();
    if (dir != null) {
      EventBusTls.apply(eventBus, dir);
      LOG.info("event bus: mutual TLS with the key material in {}", dir);
    }
    return new VertxOptions().setEventBusOptions(eventBus);
  }

  /**
   * The token the node's bridge demands: the configured one, else a new one in {@code $CENTER_HOME/token}.
   *
   * @throws IllegalArgumentException when a token file cannot be read or a token is too short
   */
  ClusterToken bridgeToken() {
    return ClusterToken.configuredOrCreated(tokenFile, LocalClusterState.home());
  }
}
