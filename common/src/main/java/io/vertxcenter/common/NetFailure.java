package io.vertxcenter.common;

import java.net.ConnectException;
import java.net.UnknownHostException;

/**
 * What a failed connect or listen says about its address, for the one-line reasons roles give: a
 * host that cannot be resolved or parsed is told apart from a port that is taken or refuses.
 */
public final class NetFailure {
  private NetFailure() {
  }

  /**
   * Whether {@code error} (or a cause of it) says the host could not be resolved or is not a valid
   * name: {@link UnknownHostException}, Netty's {@code Failed to resolve '…'}, or the
   * {@link IllegalArgumentException} the resolver throws for a name such as {@code a..b}
   * ({@code Empty label is not a legal name}). Ports are checked before any connect or listen, so
   * an {@code IllegalArgumentException} there is about the host.
   */
  public static boolean unresolved(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof UnknownHostException || cause instanceof IllegalArgumentException
          || message.startsWith("Failed to resolve")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A short description of why a connect to a host failed, for a reason line:
   * {@code the host cannot be resolved}, {@code connection refused}, or the error's own message.
   */
  public static String describe(Throwable error) {
    if (unresolved(error)) {
      return "the host cannot be resolved";
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).startsWith("Connection refused")) {
        return "connection refused";
      }
    }
    return String.valueOf(error.getMessage());
  }

  /**
   * What to do after a listen failed with {@code error}: {@code choose another host with <hostFlag>
   * (an address of this machine)} when the host is at fault (it does not resolve, or is not an
   * address of this machine: {@code Cannot assign requested address}), else {@code choose another
   * port with <portFlag>, or stop what uses it}.
   */
  public static String listenAdvice(Throwable error, String hostFlag, String portFlag) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains("Cannot assign requested address")) {
        return hostAdvice(hostFlag);
      }
    }
    return unresolved(error) ? hostAdvice(hostFlag) : "choose another port with " + portFlag + ", or stop what uses it";
  }

  private static String hostAdvice(String hostFlag) {
    return "choose another host with " + hostFlag + " (an address of this machine, e.g. 127.0.0.1)";
  }
}
