package io.vertxcenter.node.bridge;

/**
 * What one CLI bridge connection may cost a node.
 *
 * @param maxFrameBytes        the longest frame read, in bytes; a longer one closes the connection
 * @param maxHeldBytes         bytes of listened messages held for a slow reader before the oldest are dropped
 * @param maxRequestsInFlight  requests of one connection awaiting a reply; reading pauses at this many
 * @param maxConnections       connections at once; one more is answered with an error and closed
 */
public record BridgeLimits(int maxFrameBytes, long maxHeldBytes, int maxRequestsInFlight, int maxConnections) {
  /** 1 MiB frames, 4 MiB held, 32 requests in flight, 64 connections. */
  public static final BridgeLimits DEFAULT = new BridgeLimits(1024 * 1024, 4L * 1024 * 1024, 32, 64);
}
