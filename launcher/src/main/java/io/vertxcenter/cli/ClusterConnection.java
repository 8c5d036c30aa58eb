package io.vertxcenter.cli;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Failure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A CLI's connection to the cluster through a node's bridge, with failures mapped to exit codes. */
public final class ClusterConnection implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final BridgeClient client;
  private final String bridge;

  private ClusterConnection(BridgeClient client, String bridge) {
    this.client = client;
    this.bridge = bridge;
  }

  /** Connects to the first bridge that answers. */
  public static ClusterConnection open(List<String> bridges) {
    String lastError = "";
    for (String bridge : bridges) {
      int colon = bridge.lastIndexOf(':');
      if (colon <= 0) {
        throw new CliException(CliException.USAGE, "bad cluster address '" + bridge + "': expected HOST:PORT");
      }
      try {
        int port = Integer.parseInt(bridge.substring(colon + 1));
        return new ClusterConnection(BridgeClient.connect(bridge.substring(0, colon), port, CONNECT_TIMEOUT), bridge);
      } catch (NumberFormatException e) {
        throw new CliException(CliException.USAGE, "bad cluster address '" + bridge + "': the port is not a number");
      } catch (IOException e) {
        lastError = e.getMessage();
      }
    }
    throw new CliException(CliException.UNREACHABLE, "cannot reach the cluster at " + String.join(", ", bridges)
        + " (" + lastError + "): start one with 'center up -d', or name one with --cluster HOST:PORT");
  }

  /**
   * Sends a command and returns the reply.
   *
   * @param missing what to tell the user when nothing in the cluster serves {@code address}
   */
  public JsonObject request(String address, String action, JsonObject args, String missing) {
    return request(address, action, args, missing, false);
  }

  /** Cluster status, answered by the bridge node itself: every node holds the whole registry. */
  public JsonObject clusterStatus() {
    return request(Addresses.CLUSTER, "status", new JsonObject(), "the node at " + bridge + " does not answer cluster commands", true);
  }

  private JsonObject request(String address, String action, JsonObject args, String missing, boolean localOnly) {
    BridgeClient.Reply reply;
    try {
      reply = client.request(address, CommandRouter.command(action, args), REQUEST_TIMEOUT, localOnly);
    } catch (IOException e) {
      throw new CliException(CliException.UNREACHABLE, "lost the cluster at " + bridge + " (" + e.getMessage()
          + "): check 'center cluster status' and try again");
    }
    if (reply.failure() == null) {
      return reply.body();
    }
    BridgeClient.Failure failure = reply.failure();
    switch (failure.type()) {
      case "NO_HANDLERS" -> throw new CliException(CliException.UNREACHABLE, missing);
      case "TIMEOUT" -> throw new CliException(CliException.UNREACHABLE,
          "no answer from " + address + " within " + REQUEST_TIMEOUT.toSeconds() + " s: the node may be overloaded or stopping");
      case "access_denied" -> throw new CliException(CliException.USAGE, "the bridge at " + bridge + " does not allow " + address);
      default -> throw new CliException(failure.code() == Failure.BAD_REQUEST.code() ? CliException.USAGE : CliException.FAILED,
          failure.message());
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // closing a socket we are done with: nothing to report
    }
  }
}
