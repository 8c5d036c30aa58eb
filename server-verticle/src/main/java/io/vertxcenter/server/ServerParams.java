package io.vertxcenter.server;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Settings;
import java.util.Map;

/**
 * What the TCP server listens on and the limits it enforces; changed only while it is stopped.
 *
 * @param host            address to listen on ({@code 0.0.0.0} for every interface)
 * @param port            TCP port
 * @param instances       ingest verticle instances sharing the port (one event loop each)
 * @param maxLineBytes    longest line accepted, in bytes without the line ending
 * @param maxConnections  connections open at once; one more is told so and closed, unless one of them
 *                        has been idle for half of {@code idleTimeoutSeconds}: that one makes room
 * @param idleTimeoutSeconds seconds a connection may send no byte (reading paused by the server not
 *                        counted) before it is told so and closed
 * @param ackPort         TCP port of the ack port (the same protocol, and {@code ACK <n>} lines back
 *                        to the client: how many of its lines are durable), 0 for none
 */
public record ServerParams(String host, int port, int instances, int maxLineBytes, int maxConnections,
                           int idleTimeoutSeconds, int ackPort) {
  /** The address the server listens on unless told otherwise: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The port the server listens on unless told otherwise (a constant, so that CLI flag defaults can name it). */
  public static final int DEFAULT_PORT = 5000;
  /** The ack port {@code center up} gives its server. */
  public static final int UP_ACK_PORT = 5001;
  public static final ServerParams DEFAULTS = new ServerParams(DEFAULT_HOST, DEFAULT_PORT, 1, 65536, 1000, 60, 0);

  /**
   * Checks that the ack port is not the data port: two listeners on one port would share it (the
   * server binds with SO_REUSEPORT), and plain connections would get ACK lines every other time.
   *
   * @param portName    what the data port is called where it was given ({@code port}, {@code --server-port})
   * @param ackPortName what the ack port is called there
   * @throws Failure.CommandException (bad request) {@code "<ackPortName> must differ from <portName> (both N): …"}
   */
  public static void checkPorts(int port, int ackPort, String portName, String ackPortName) {
    if (ackPort != 0 && ackPort == port) {
      throw Failure.BAD_REQUEST.error(ackPortName + " must differ from " + portName + " (both " + port + "): lines and acks need "
          + "a port each; choose another " + ackPortName + ", or 0 for no ack port");
    }
  }

  /** These params with the ack port {@code ackPort} (0: none); whoever took it from a user checks it with {@link #checkPorts}. */
  public ServerParams withAckPort(int ackPort) {
    return new ServerParams(host, port, instances, maxLineBytes, maxConnections, idleTimeoutSeconds, ackPort);
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  /** The values each number param may take; the CLI checks them too. */
  public static final Map<String, Settings.Range> RANGES = Map.of(
      "port", Settings.Range.PORT,
      "instances", new Settings.Range(1, 64),
      "maxLineBytes", new Settings.Range(16, 16 * 1024 * 1024),
      "maxConnections", new Settings.Range(1, 100_000),
      "idleTimeoutSeconds", new Settings.Range(1, 86_400),
      "ackPort", new Settings.Range(0, 65535));

  /**
   * These params with {@code changes} applied; an unknown key, a value out of range, or an ack port
   * that is the port ({@link #checkPorts}) is a bad request.
   */
  public ServerParams with(JsonObject changes) {
    ServerParams changed = withEach(changes);
    checkPorts(changed.port(), changed.ackPort(), "port", "ackPort");
    return changed;
  }

  /**
   * These params with {@code changes} applied, each value checked on its own (known key, range,
   * host) but not against the others: what the CLI checks of one {@code KEY=VALUE} word without the
   * server's current params; the server then checks the whole with {@link #with}.
   */
  public ServerParams withEach(JsonObject changes) {
    Settings merged = Settings.of(toJson(), changes, "server param");
    return new ServerParams(merged.host("host", "use 127.0.0.1, 0.0.0.0 or an address of this machine"),
        (int) merged.wholeNumber("port", RANGES),
        (int) merged.wholeNumber("instances", RANGES),
        (int) merged.wholeNumber("maxLineBytes", RANGES),
        (int) merged.wholeNumber("maxConnections", RANGES),
        (int) merged.wholeNumber("idleTimeoutSeconds", RANGES),
        (int) merged.wholeNumber("ackPort", RANGES));
  }
}
