package io.vertxcenter.node.http;

import io.netty.util.NetUtil;
import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertxcenter.common.ControlCharacters;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The first handler of every request, against DNS rebinding: a page whose name an attacker re-points
 * at 127.0.0.1 sends the node its own name in {@code Host}, so only the names the node serves under
 * are answered: {@code localhost}, a loopback address, the address the connection came in on (an IP
 * in {@code Host} is never a rebinding: the page's origin is that IP), the configured HTTP host, and
 * the names of {@code --http-allowed-hosts} (compose service names, a proxy's name). Any other gets
 * {@value #MISDIRECTED} (Misdirected Request) with a JSON body that says what to do ({@link ErrorReply#refuse}),
 * and the connection is closed. A request without {@code Host} (HTTP/1.0 tools; every browser sends one) is answered.
 */
final class HostCheck implements Handler<RoutingContext> {
  /** The status of a request for a name the node does not serve under. */
  static final int MISDIRECTED = 421;
  private static final int SHOWN_CHARACTERS = 60;

  private final Set<String> names;

  /**
   * @param httpHost the address the HTTP server binds to ({@code --http-host})
   * @param allowed  further names to answer under, case-insensitive, without port
   */
  HostCheck(String httpHost, Collection<String> allowed) {
    this.names = Stream.concat(Stream.of("localhost", httpHost), allowed.stream()).map(HostCheck::normalized)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void handle(RoutingContext context) {
    HostAndPort authority = context.request().authority();
    if (authority == null || allows(authority.host(), context.request().localAddress().hostAddress())) {
      context.next();
      return;
    }
    ErrorReply.refuse(context, MISDIRECTED, "this node does not answer under the name '"
        + ControlCharacters.shown(authority.host(), SHOWN_CHARACTERS) + "' (Host header): open it as http://127.0.0.1:"
        + context.request().localAddress().port() + "/, or start the node with --http-allowed-hosts naming it"
        + " (env CENTER_HTTP_ALLOWED_HOSTS)");
  }

  /**
   * Whether a request whose {@code Host} names {@code host} (port excluded), arrived on the local
   * address {@code localAddress}, is answered.
   */
  boolean allows(String host, String localAddress) {
    String name = normalized(host);
    if (names.contains(name)) {
      return true;
    }
    InetAddress address = literal(name);
    return address != null && (address.isLoopbackAddress() || address.equals(literal(normalized(localAddress))));
  }

  /** The address {@code text} spells as an IP literal, or null when it is a name: never a name lookup. */
  private static InetAddress literal(String text) {
    byte[] ip = NetUtil.createByteArrayFromIpAddressString(text);
    try {
      return ip == null ? null : InetAddress.getByAddress(ip);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Lower case, without the brackets of an IPv6 literal or a final dot. */
  private static String normalized(String host) {
    String name = host.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
