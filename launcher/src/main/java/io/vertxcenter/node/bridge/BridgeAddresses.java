package io.vertxcenter.node.bridge;

import io.vertxcenter.common.Addresses;
import java.util.regex.Pattern;

/**
 * Which addresses a client outside the cluster may send to and listen to ({@link Addresses}'s bridge
 * patterns): the one check of the CLI bridge and of the web console's commands.
 */
public final class BridgeAddresses {
  private final Pattern inbound = Pattern.compile(Addresses.BRIDGE_INBOUND_REGEX);
  private final Pattern outbound = Pattern.compile(Addresses.BRIDGE_OUTBOUND_REGEX);

  /** Whether a client may send to {@code address} (the command addresses). */
  public boolean inbound(String address) {
    return inbound.matcher(address).matches();
  }

  /** Whether a client may listen to {@code address} (the tap). */
  public boolean outbound(String address) {
    return outbound.matcher(address).matches();
  }
}
