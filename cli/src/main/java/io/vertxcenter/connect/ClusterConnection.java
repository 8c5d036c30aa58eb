package io.vertxcenter.connect;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.Failure;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A CLI's connection to the cluster through a node's bridge, with failures mapped to exit codes. */
public final class ClusterConnection implements AutoCloseable {
  /** All bridges together get this long to accept a connection: an unreachable cluster fails fast. */
  private static final Duration CONNECT_BUDGET = Duration.ofSeconds(3);
  /**
   * How long a bridge has to answer a ping before a connection to it is used while another bridge
   * remains to be tried: 1.5 s. The bridge answers a ping on its own event loop, without the event
   * bus: on loopback well under a millisecond, and within tens of ms on a loaded machine; an event
   * loop blocked for 1.5 s is a node Vert.x itself warns about. A frozen bridge then costs 1.5 s
   * before the next one, not a query's 4 s. The last bridge of a list (the only one, often) gets
   * {@link #QUERY_TIMEOUT}, as the command would: there is nothing to move to, and a node whose CPU
   * a bench saturates can be that slow and still serve.
   */
  private static final Duration PING_TIMEOUT = Duration.ofMillis(1500);

  /** How much of a bridge address or a reason an error shows, in characters. */
  private static final int SHOWN_CHARACTERS = 80;
  /** A query (status, params) is answered at once by a healthy node. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(4);
  /** An action (start, stop, scale) may deploy verticles or bind ports first. */
  public static final Duration ACTION_TIMEOUT = Duration.ofSeconds(15);

  private final BridgeClient client;
  private final String bridge;
  private boolean broken;
  private String whyLost;
  private boolean keptOpen;

  private ClusterConnection(BridgeClient client, String bridge) {
    this.client = client;
    this.bridge = bridge;
  }

  /** How long to wait for a ping's answer from a bridge: {@link #PING_TIMEOUT} while {@code othersLeft}, else {@link #QUERY_TIMEOUT}. */
  public static Duration pingTimeout(boolean othersLeft) {
    return othersLeft ? PING_TIMEOUT : QUERY_TIMEOUT;
  }

  /**
   * Connects to the first bridge of {@code bridges} that answers a ping in time ({@link #pingTimeout}:
   * 1.5 s while another bridge remains, 4 s for the last): a node that is frozen (SIGSTOP, a long GC
   * pause) still has its kernel accept TCP connections, so only an answer proves the bridge works.
   * Connecting gets {@link #CONNECT_BUDGET} for all bridges together; each ping gets its own time.
   *
   * @param bridges {@code HOST:PORT} each, tried in order
   * @param token   the cluster token to send with every frame, or null for none
   * @throws CliException {@link CliException#USAGE} for a bridge that is not {@code HOST:PORT}, or
   *     that refused the ping (a missing or wrong token);
   *     {@link CliException#UNREACHABLE} when no bridge answers, naming each one tried and why it failed
   *     (cut and escaped), with advice: check the name when no name resolved, else start a cluster
   */
  public static ClusterConnection open(List<String> bridges, ClusterToken token) {
    List<String> failures = new ArrayList<>();
    boolean onlyUnresolved = true;
    long deadline = System.nanoTime() + CONNECT_BUDGET.toNanos();
    for (int i = 0; i < bridges.size(); i++) {
      String bridge = bridges.get(i);
      int colon = bridge.lastIndexOf(':');
      if (colon <= 0) {
        throw new CliException(CliException.USAGE, "bad cluster address '" + shown(bridge) + "': expected HOST:PORT");
      }
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        failures.add(shown(bridge) + " (not tried: no connection within " + CONNECT_BUDGET.toSeconds() + " s)");
        onlyUnresolved = false;
        continue;
      }
      int port;
      try {
        port = Integer.parseInt(bridge.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new CliException(CliException.USAGE, "bad cluster address '" + shown(bridge) + "': the port is not a number");
      }
      String host = bridge.substring(0, colon);
      Duration pingTimeout = pingTimeout(i < bridges.size() - 1);
      ClusterConnection connection;
      try {
        connection = new ClusterConnection(BridgeClient.connect(host, port, Duration.ofMillis(leftMillis), pingTimeout,
            token == null ? null : token.value()), bridge);
      } catch (UnknownHostException e) {
        failures.add(shown(bridge) + " (the name '" + shown(host) + "' does not resolve)");
        continue;
      } catch (BridgeClient.NotABridge e) {
        // nothing was sent to it, the token least of all
        throw new CliException(CliException.USAGE, shown(bridge) + " is not a VertxCenter bridge (" + e.getMessage() + ")");
      } catch (BridgeClient.NoHello e) {
        failures.add(shown(bridge) + " (" + noHello(pingTimeout) + ")");
        onlyUnresolved = false;
        continue;
      } catch (IOException e) {
        failures.add(shown(bridge) + " (" + shown(String.valueOf(e.getMessage())) + ")");
        onlyUnresolved = false;
        continue;
      }
      onlyUnresolved = false;
      try {
        connection.client.ping(pingTimeout);
        return connection;
      } catch (BridgeClient.Refused e) {
        connection.closeNow(); // a wrong token: every bridge of the cluster would refuse it too
        throw new CliException(CliException.USAGE, "the bridge at " + shown(bridge) + " refused the request: " + e.getMessage());
      } catch (SocketTimeoutException e) {
        connection.closeNow();
        failures.add(shown(bridge) + " (" + noPong(pingTimeout) + ")");
      } catch (IOException e) {
        connection.closeNow();
        failures.add(shown(bridge) + " (" + shown(why(e.getMessage())) + ")");
      }
    }
    throw new CliException(CliException.UNREACHABLE, "cannot reach the cluster at " + String.join(", ", failures) + ": "
        + (onlyUnresolved ? "check the host name given with --cluster or CENTER_CLUSTER (a typo? a DNS name of another network?)"
        : "start one with 'center up -d', or name one with --cluster HOST:PORT"));
  }

  /** Why a connection failed, from its exception's message, which an EOF leaves null. */
  private static String why(String message) {
    return message == null ? "the connection was closed" : message;
  }

  /** What a ping that got no pong within {@code timeout} says: {@code no answer to a ping within 1.5 s}. */
  private static String noPong(Duration timeout) {
    return "no answer to a ping within " + timeout.toMillis() / 1000.0 + " s";
  }

  /** What a connection whose bridge wrote no hello within {@code timeout} says: {@code no hello within 1.5 s}. */
  private static String noHello(Duration timeout) {
    return "no hello within " + timeout.toMillis() / 1000.0 + " s: a frozen node, or no VertxCenter bridge";
  }

  /** Text from the command line or a socket error as a message shows it: cut and escaped ({@link ControlCharacters#shown}). */
  private static String shown(String text) {
    return ControlCharacters.shown(text, SHOWN_CHARACTERS);
  }

  /** The bridge this connection goes through, {@code host:port}. */
  public String bridge() {
    return bridge;
  }

  /** Sends a command, allowing it {@link #ACTION_TIMEOUT}, and returns the reply. */
  public JsonObject request(String address, String action, JsonObject args, String missing) {
    return request(address, action, args, ACTION_TIMEOUT, missing);
  }

  /**
   * Sends a command and returns the reply.
   *
   * @param missing what to tell the user when nothing in the cluster serves {@code address}
   */
  public JsonObject request(String address, String action, JsonObject args, Duration timeout, String missing) {
    return request(address, action, args, timeout, missing, false);
  }

  /** Cluster status, answered by the bridge node itself: every node holds the whole registry. */
  public JsonObject clusterStatus() {
    return request(Addresses.CLUSTER, "status", new JsonObject(), QUERY_TIMEOUT,
        "the node at " + bridge + " does not answer cluster commands", true);
  }

  /** Listens to {@code address}: its messages then come from {@link #nextMessage}. */
  public void listen(String address) {
    try {
      client.register(address);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /** The body of the next message on a listened address, or empty when none came within {@code timeout}. */
  public Optional<JsonObject> nextMessage(Duration timeout) {
    try {
      Object body = client.nextMessage(timeout).getValue(BridgeProtocol.BODY);
      return Optional.of(body instanceof JsonObject json ? json : new JsonObject().put("text", String.valueOf(body)));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (BridgeClient.Refused e) {
      brokenBy(e.getMessage());
      throw new CliException(CliException.USAGE, "the bridge at " + bridge + " refused the request: " + e.getMessage());
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /** False once the connection failed: the shell then opens a new one for its next command. */
  public boolean usable() {
    return !broken;
  }

  /**
   * Whether the bridge still answers, asked with a ping answered within {@code timeout}, before a
   * command is sent: when it does not, nothing was sent through it since its last answer, so the
   * command can go through another bridge. False also once the connection failed; then it stays
   * broken, and {@link #whyLost} says why.
   */
  public boolean answers(Duration timeout) {
    if (broken) {
      return false;
    }
    try {
      client.ping(timeout);
      return true;
    } catch (SocketTimeoutException e) {
      brokenBy(noPong(timeout));
    } catch (IOException e) {
      brokenBy(e.getMessage());
    }
    return false;
  }

  /** Why the connection failed ({@code the connection was closed}, …); null while it works. */
  public String whyLost() {
    return whyLost;
  }

  /**
   * The connection that takes over from this broken one: the first bridge of {@code bridges} that
   * answers, tried from the one after this connection's, so a bridge that just failed is tried last.
   *
   * @throws CliException as {@link #open} does, when no bridge answers
   */
  public ClusterConnection reopen(List<String> bridges, ClusterToken token) {
    int failed = bridges.indexOf(bridge);
    List<String> order = new ArrayList<>(bridges.subList(failed + 1, bridges.size()));
    order.addAll(bridges.subList(0, failed + 1));
    return open(order, token);
  }

  private void brokenBy(String why) {
    broken = true;
    whyLost = why(why);
  }

  /** Makes {@link #close} a no-op: the shell reuses this connection and closes it with {@link #closeNow}. */
  public ClusterConnection keptOpen() {
    keptOpen = true;
    return this;
  }

  private JsonObject request(String address, String action, JsonObject args, Duration timeout, String missing,
      boolean localOnly) {
    BridgeClient.Reply reply;
    try {
      reply = client.request(address, CommandRouter.command(action, args), timeout, localOnly);
    } catch (IOException e) {
      throw lost(e);
    }
    if (reply.failure() == null) {
      return reply.body();
    }
    BridgeClient.Failure failure = reply.failure();
    switch (failure.type()) {
      case "NO_HANDLERS" -> throw new CliException(CliException.UNREACHABLE, missing);
      case "TIMEOUT" -> throw new CliException(CliException.UNREACHABLE,
          "no answer from " + address + " within " + timeout.toSeconds() + " s: the node may be overloaded or stopping");
      case "access_denied" -> {
        brokenBy(failure.message()); // a refused token also closes the connection
        throw new CliException(CliException.USAGE, "the bridge at " + bridge + " refused the request: " + failure.message());
      }
      default -> throw new CliException(failure.code() == Failure.BAD_REQUEST.code() ? CliException.USAGE : CliException.FAILED,
          failure.message());
    }
  }

  private CliException lost(IOException e) {
    brokenBy(e.getMessage());
    return new CliException(CliException.UNREACHABLE, "lost the cluster at " + bridge + " (" + whyLost
        + "): check 'center cluster status' and try again");
  }

  @Override
  public void close() {
    if (!keptOpen) {
      closeNow();
    }
  }

  public void closeNow() {
    try {
      client.close();
    } catch (IOException ignored) {
      // closing a socket we are done with: nothing to report
    }
  }
}
