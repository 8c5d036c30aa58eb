package io.vertxcenter.common;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Whether a host a node is told to bind to is one of this machine's addresses, checked before the
 * node starts, so that a typo or another machine's address is one error line naming the flag, not
 * a bind failure deep inside Hazelcast.
 */
public final class LocalAddress {
  private static final int SHOWN_CHARACTERS = 80;

  private LocalAddress() {}

  /**
   * Checks that {@code host} resolves to an address of this machine: a loopback address, the
   * wildcard {@code 0.0.0.0}, or one of its interfaces'. Resolves the name (the system resolver: it
   * may take a moment).
   *
   * @param flag the option the host was given with, e.g. {@code --cluster-host}
   * @throws IllegalArgumentException {@code "<flag> 'a..b' does not resolve: give an address of this
   *     machine, e.g. 127.0.0.1"} or {@code "<flag> 10.1.2.3 is not an address of this machine: …"}
   */
  public static void check(String flag, String host) {
    String shown = ControlCharacters.shown(host, SHOWN_CHARACTERS);
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " '" + shown + "' does not resolve: give an address of this machine, e.g. 127.0.0.1");
    }
    if (!isLocal(address)) {
      throw new IllegalArgumentException(flag + " " + shown + (shown.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")")
          + " is not an address of this machine: give one of its addresses (127.0.0.1, or see 'ip addr'), and another"
          + " machine's with --members");
    }
  }

  private static boolean isLocal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
