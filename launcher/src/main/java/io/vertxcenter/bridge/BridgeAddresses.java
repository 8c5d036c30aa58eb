package io.vertxcenter.bridge;

import io.vertxcenter.common.Addresses;
import java.util.regex.Pattern;

/** Which addresses the bridge lets a client send to and listen to ({@link Addresses}'s bridge patterns). */
final class BridgeAddresses {
  private final Pattern inbound = Pattern.compile(Addresses.BRIDGE_INBOUND_REGEX);
  private final Pattern outbound = Pattern.compile(Addresses.BRIDGE_OUTBOUND_REGEX);

  boolean inbound(String address) {
    return inbound.matcher(address).matches();
  }

  boolean outbound(String address) {
    return outbound.matcher(address).matches();
  }
}
