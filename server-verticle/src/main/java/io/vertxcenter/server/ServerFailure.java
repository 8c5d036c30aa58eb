package io.vertxcenter.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertxcenter.common.NetFailure;
import java.net.InetAddress;

/**
 * Why the server role does not listen, as facts. The role classifies a failed start once, where it
 * fails ({@link Start#of}), and again when its params change ({@link Start#seenFrom}); it gives
 * {@link #reason()} to its node while degraded and to a {@code server start} that fails. Every
 * wording of a failed start is here, one message per kind.
 */
sealed interface ServerFailure permits ServerFailure.Start, ServerFailure.Moved {
  /** What to do about a port that cannot be bound. */
  String FREE_THE_PORT = "free the port, or choose another with 'server params set port=…' and 'server start'";

  /** The one-line reason: what went wrong, on which address, and what to do. */
  String reason();

  /** What made a start fail. */
  enum Kind {
    /** The data log's dir cannot be locked, made, read or cut ({@link LogUnavailable}). */
    LOG_UNAVAILABLE,
    /** The host does not resolve, or is not a valid name ({@link NetFailure#unresolved}). */
    HOST_UNRESOLVED,
    /** The address cannot be bound: the port is taken, or another bind error ({@code error} says which). */
    CANNOT_BIND
  }

  /**
   * A start that did not listen.
   *
   * @param kind  what made it fail
   * @param host  the host it listened on (the params' {@code host})
   * @param port  the port it listened on
   * @param error what the failure said ({@code Address already in use})
   */
  record Start(Kind kind, String host, int port, String error) implements ServerFailure {
    /** Classifies {@code error}, what a start with params {@code tried} failed with. */
    static Start of(ServerParams tried, Throwable error) {
      Kind kind = error instanceof LogUnavailable ? Kind.LOG_UNAVAILABLE
          : NetFailure.unresolved(error) ? Kind.HOST_UNRESOLVED : Kind.CANNOT_BIND;
      return new Start(kind, tried.host(), tried.port(), error.getMessage());
    }

    @Override
    public String reason() {
      return switch (kind) {
        case LOG_UNAVAILABLE -> "the server cannot open its data log (" + error + "): fix that, then 'server start'";
        case HOST_UNRESOLVED -> "the server cannot listen on " + host + ":" + port + ": the host '" + host + "' cannot be "
            + "resolved: give an address of this machine (127.0.0.1, 0.0.0.0 for every interface) with 'server params "
            + "set host=…' and 'server start'";
        case CANNOT_BIND -> "the server cannot listen on " + host + ":" + port + " (" + error + "): " + FREE_THE_PORT;
      };
    }

    /**
     * This failure as seen from {@code now}, the params a {@code server start} would use: itself while
     * they name the same host and port; else {@link Moved}, with the IP address both hosts resolve to
     * when {@code now} is only another name of the same address and port ({@code localhost} and
     * {@code 127.0.0.1}). Resolved off the event loop (the system resolver blocks); a host that does
     * not resolve shares no address.
     */
    Future<ServerFailure> seenFrom(Vertx vertx, ServerParams now) {
      if (now.host().equals(host) && now.port() == port) {
        return Future.succeededFuture(this);
      }
      if (now.port() != port) {
        return Future.succeededFuture(new Moved(this, now.host(), now.port(), null));
      }
      return vertx.executeBlocking(() -> {
        InetAddress address = InetAddress.getByName(now.host());
        return address.equals(InetAddress.getByName(host)) ? address.getHostAddress() : null;
      }, false).otherwise((String) null).map(same -> new Moved(this, now.host(), now.port(), same));
    }
  }

  /**
   * A start failed, and the params now name another address: {@code host:port}.
   *
   * @param failed      the start that failed
   * @param sameAddress the IP address both {@code host} and {@code failed}'s host resolve to, with the
   *                    same port: a start there meets the same failure; null when it is another address
   */
  record Moved(Start failed, String host, int port, String sameAddress) implements ServerFailure {
    @Override
    public String reason() {
      String failure = "the server could not listen on " + failed.host() + ":" + failed.port() + " (" + failed.error()
          + "); its params now name " + host + ":" + port;
      return sameAddress == null ? failure + ": start it there with 'server start'"
          : failure + ", the same address (" + sameAddress + "): " + FREE_THE_PORT;
    }
  }

  /** The data log's dir cannot be locked, made, read or cut: the message says which and why. */
  final class LogUnavailable extends Exception {
    LogUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
