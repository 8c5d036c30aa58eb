package io.vertxcenter.cli;

import io.vertxcenter.common.Settings;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Converters of hosts, {@code HOST:PORT} addresses and names: a host is spelled as
 * {@link Settings#host(String, Object, String)}, the nodes' own check, has it (no comma or space,
 * at most 253 characters), a port is from 1 to 65535. Values come back trimmed.
 */
final class Addresses {
  private static final Pattern NAME = Pattern.compile("[^\\s\\p{Cntrl}]{1,253}");
  private static final String HOST_PORT = "HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:";

  private Addresses() {}

  /** A host name or IP address. */
  static final class Host extends ValueConverter<String> {
    Host() {
      super(Settings.HOST, Addresses::host);
    }
  }

  /** A host name without a port, as a request's {@code Host} gives it ({@code server}, {@code center.example.org}). */
  static final class HostName extends ValueConverter<String> {
    HostName() {
      super("host names without port, comma-separated, e.g. server,center.example.org",
          text -> {
            if (text.indexOf(':') >= 0) {
              throw new IllegalArgumentException("a port");
            }
            return host(text);
          });
    }
  }

  /** One {@code HOST:PORT} (a node's HTTP address). */
  static final class HttpAddress extends ValueConverter<String> {
    HttpAddress() {
      super(HOST_PORT + "8080", Addresses::hostPort);
    }
  }

  /**
   * {@code HOST:PORT[,HOST:PORT...]}: the CLI bridges of a cluster, tried in this order
   * ({@code --cluster}, {@code CENTER_CLUSTER}). Blank is "not given" (null), as an empty env var is unset.
   */
  static final class Bridges extends ValueConverter<String> {
    Bridges() {
      super(HOST_PORT + "7000, or several, comma-separated", text -> text.isBlank() ? null
          : Arrays.stream(text.split(",", -1)).map(Addresses::hostPort).collect(Collectors.joining(",")));
    }
  }

  /** {@code HOST} or {@code HOST:PORT}: a cluster seed member. */
  static final class Member extends ValueConverter<String> {
    Member() {
      super("HOST or " + HOST_PORT + "5701", text -> text.indexOf(':') < 0 ? host(text) : hostPort(text));
    }
  }

  /** A cluster's name: not empty, no spaces or control characters, at most 253 characters. */
  static final class ClusterName extends ValueConverter<String> {
    ClusterName() {
      super("a name without spaces, e.g. vertxcenter", text -> {
        if (!NAME.matcher(text.trim()).matches()) {
          throw new IllegalArgumentException("not a name");
        }
        return text.trim();
      });
    }
  }

  private static String host(String text) {
    return Settings.host("host", text, "");
  }

  private static String hostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("no port");
    }
    return host(text.substring(0, colon)) + ":" + Settings.Range.PORT.wholeNumber("port", text.substring(colon + 1));
  }
}
