package io.vertxcenter.connect;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.BridgeProtocol.Answer;
import io.vertxcenter.common.BridgeProtocol.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A blocking client of the Vert.x TCP event-bus bridge ({@link BridgeProtocol}: frames are a 4-byte
 * big-endian length and a UTF-8 JSON object). Plain sockets, no Vert.x instance: a CLI command starts and answers fast.
 * Every frame carries the cluster token as {@code headers.token} when one is given, and nothing is
 * sent before the bridge's hello was read ({@link BridgeHello}).
 */
public final class BridgeClient implements AutoCloseable {
  private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final String replyPrefix = "center.cli." + UUID.randomUUID() + ".";
  private final String token;
  private long nextReply;

  private BridgeClient(Socket socket, String token) throws IOException {
    this.socket = socket;
    this.token = token;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /** The peer is not a VertxCenter bridge: it wrote something other than a bridge's hello first. */
  public static final class NotABridge extends IOException {
    NotABridge(String why) {
      super(why);
    }
  }

  /** The peer accepted the connection but wrote no hello in time: a frozen node, or a peer that waits for the client to speak. */
  public static final class NoHello extends SocketTimeoutException {
    NoHello() {
      super("no hello in time");
    }
  }

  /**
   * Connects to the bridge at {@code host:port} within {@code timeout}, then reads its hello within
   * {@code helloTimeout}; only then may frames (and the token) be sent.
   *
   * @param token the cluster token every frame carries, or null to send none
   * @throws NotABridge             when the peer wrote something else first, or closed the connection
   *                                without a word; its message says what it wrote, in words
   * @throws NoHello               when no hello came within {@code helloTimeout}
   */
  public static BridgeClient connect(String host, int port, Duration timeout, Duration helloTimeout, String token)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      BridgeClient client = new BridgeClient(socket, token);
      socket.setSoTimeout((int) Math.max(1, helloTimeout.toMillis()));
      try {
        BridgeHello.read(client.in);
      } catch (SocketTimeoutException e) {
        throw new NoHello();
      }
      return client;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The bridge refused a frame ({@code access_denied}, say) and closed the connection. */
  public static final class Refused extends IOException {
    private final String code;

    Refused(String code, String reason) {
      super(reason);
      this.code = code;
    }

    /** The err frame's {@code message}: access_denied, frame_too_large, …. */
    public String code() {
      return code;
    }
  }

  /** A failure the bridge reported instead of a reply. */
  public record Failure(String type, int code, String message) {}

  /** The reply body, or the failure the bridge reported. */
  public record Reply(JsonObject body, Failure failure) {}

  /**
   * Sends {@code body} to {@code address} and waits for the reply. The bridge node fails the
   * request with a TIMEOUT after {@code timeout}; {@code localOnly} keeps it on the bridge node.
   */
  public Reply request(String address, JsonObject body, Duration timeout, boolean localOnly) throws IOException {
    String replyAddress = replyPrefix + nextReply++;
    write(BridgeProtocol.request(Request.SEND, address,
            headers().put(BridgeProtocol.TIMEOUT, timeout.toMillis()).put(BridgeProtocol.LOCAL_ONLY, localOnly))
        .put(BridgeProtocol.REPLY_ADDRESS, replyAddress)
        .put(BridgeProtocol.BODY, body));
    // the bridge answers TIMEOUT at the deadline; the extra second is for that answer to arrive
    long deadline = System.nanoTime() + timeout.plusSeconds(1).toNanos();
    while (true) {
      JsonObject frame = read(deadline);
      String from = frame.getString(BridgeProtocol.ADDRESS);
      if (Answer.ERR.is(frame) && (from == null || replyAddress.equals(from))) {
        return new Reply(null, new Failure(frame.getString(BridgeProtocol.FAILURE_TYPE, frame.getString(BridgeProtocol.MESSAGE)),
            frame.getInteger(BridgeProtocol.FAILURE_CODE, -1),
            frame.getString(BridgeProtocol.REASON, frame.getString(BridgeProtocol.MESSAGE, ""))));
      }
      if (Answer.MESSAGE.is(frame) && replyAddress.equals(from)) {
        Object replyBody = frame.getValue(BridgeProtocol.BODY);
        return new Reply(replyBody instanceof JsonObject json ? json : new JsonObject().put("value", replyBody), null);
      }
    }
  }

  /**
   * Asks the bridge for a {@code pong} and waits for it: the connection still carries frames both ways.
   *
   * @throws SocketTimeoutException when no pong comes within {@code timeout}
   * @throws Refused                when the bridge refused the ping (a wrong token)
   * @throws IOException            when the connection is closed or broken
   */
  public void ping(Duration timeout) throws IOException {
    write(BridgeProtocol.request(Request.PING, null, headers()));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject frame = read(deadline);
      if (Answer.PONG.is(frame)) {
        return;
      }
      refusal(frame);
    }
  }

  /** Listens to {@code address}; its messages then come from {@link #nextMessage}. */
  public void register(String address) throws IOException {
    write(BridgeProtocol.request(Request.REGISTER, address, headers()));
  }

  /**
   * The next message frame; throws {@link SocketTimeoutException} once the deadline passes, and
   * {@link Refused} when the bridge refused what this connection sent.
   */
  public JsonObject nextMessage(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject frame = read(deadline);
      if (Answer.MESSAGE.is(frame)) {
        return frame;
      }
      refusal(frame);
    }
  }

  /** Throws {@link Refused} when {@code frame} is the bridge refusing what this connection sent (an err frame for no address). */
  private static void refusal(JsonObject frame) throws Refused {
    if (Answer.ERR.is(frame) && frame.getString(BridgeProtocol.ADDRESS) == null) {
      String code = frame.getString(BridgeProtocol.MESSAGE, "");
      throw new Refused(code, frame.getString(BridgeProtocol.REASON, code));
    }
  }

  private JsonObject headers() {
    return token == null ? new JsonObject() : new JsonObject().put(BridgeProtocol.TOKEN, token);
  }

  private void write(JsonObject frame) throws IOException {
    out.write(BridgeProtocol.encode(frame).getBytes());
    out.flush();
  }

  private JsonObject read(long deadlineNanos) throws IOException {
    long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    if (deadlineNanos - System.nanoTime() <= 0) {
      throw new SocketTimeoutException("no answer in time");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    int length = in.readInt();
    if (length < 0 || length > MAX_FRAME_BYTES) {
      throw new IOException("bad frame length " + length + " from the bridge");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new IOException("the bridge closed the connection mid-frame");
    }
    return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
