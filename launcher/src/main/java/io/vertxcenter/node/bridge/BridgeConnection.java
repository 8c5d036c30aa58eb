package io.vertxcenter.node.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.Failure;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the CLI bridge, on its event loop. Frames are read as a 4-byte length
 * then a body of that length: a length over {@link BridgeLimits#maxFrameBytes()} (or below 1)
 * closes the connection before any of the body is buffered. Every frame must carry the cluster
 * token; a frame without it, or one that breaks the protocol ({@link BridgeFrame#parse}), gets an
 * {@code err} frame and the connection is closed. Every command is a request counted in flight, a
 * {@code send} without a reply address too, and a {@code publish} is refused with an {@code err}
 * frame: reading pauses while the requests in flight are at their limit or a reply waits for a
 * client that does not read, so whatever a connection sends, what it costs any node is bounded,
 * and so are listened messages waiting to be written ({@link OutboundFrames}); an address is
 * listened to at most once per connection.
 */
final class BridgeConnection {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeConnection.class);

  private final NetSocket socket;
  private final EventBus eventBus;
  private final ClusterToken token;
  private final BridgeLimits limits;
  private final BridgeStats stats;
  private final BridgeAddresses addresses;
  private final RecordParser parser;
  private final OutboundFrames out;
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();
  private final String peer;
  private boolean readingLength = true;
  private int inFlight;
  private boolean readingPaused;
  private boolean closed;

  BridgeConnection(Vertx vertx, NetSocket socket, ClusterToken token, BridgeLimits limits, BridgeStats stats,
      BridgeAddresses addresses, Runnable onClosed) {
    this.socket = socket;
    this.eventBus = vertx.eventBus();
    this.token = token;
    this.limits = limits;
    this.stats = stats;
    this.addresses = addresses;
    this.peer = String.valueOf(socket.remoteAddress());
    this.out = new OutboundFrames(socket, limits.maxHeldBytes(), stats, this::pauseOrResume);
    this.parser = RecordParser.newFixed(BridgeProtocol.LENGTH_BYTES, socket);
    parser.handler(this::record);
    parser.exceptionHandler(error -> socket.close());
    socket.closeHandler(v -> {
      closed();
      onClosed.run();
    });
  }

  private void record(Buffer record) {
    if (closed) {
      return;
    }
    if (readingLength) {
      int length = record.getInt(0);
      if (length > limits.maxFrameBytes()) {
        stats.oversized.increment();
        refuse("frame_too_large", "a frame may be at most " + limits.maxFrameBytes() + " bytes");
      } else if (length < 1) {
        stats.malformed.increment();
        refuse("bad_length", "a frame length must be from 1 to " + limits.maxFrameBytes());
      } else {
        readingLength = false;
        parser.fixedSizeMode(length);
      }
      return;
    }
    readingLength = true;
    parser.fixedSizeMode(BridgeProtocol.LENGTH_BYTES);
    stats.frames.increment();
    BridgeFrame frame;
    try {
      frame = BridgeFrame.parse(record);
    } catch (BridgeFrame.Malformed malformed) {
      stats.malformed.increment();
      refuse(malformed.code(), malformed.getMessage());
      return;
    }
    if (!token.matches(frame.token())) {
      stats.accessDenied.increment();
      refuse("access_denied", "missing or wrong cluster token: give the cluster's token with --token-file FILE, "
          + ClusterToken.ENV + ", or $CENTER_HOME/" + ClusterToken.FILE_NAME);
      return;
    }
    handle(frame);
    pauseOrResume();
  }

  /** Reads frames only while a request may be added and no reply waits for the socket. */
  private void pauseOrResume() {
    if (closed) {
      return;
    }
    boolean pause = inFlight >= limits.maxRequestsInFlight() || out.repliesWaiting();
    if (pause != readingPaused) {
      readingPaused = pause;
      if (pause) {
        parser.pause();
      } else {
        parser.resume();
      }
    }
  }

  private void handle(BridgeFrame frame) {
    switch (frame.type()) {
      case PING -> out.reply(BridgeProtocol.encode(BridgeProtocol.pong()));
      case SEND -> command(frame);
      case PUBLISH -> {
        stats.publishRefused.increment();
        out.reply(BridgeProtocol.encode(BridgeProtocol.error("publish_refused", "the bridge takes commands as send only: "
            + "a publish has no reply to wait for, so it could not be paced; send to center.cluster or to each node")));
      }
      case REGISTER -> register(frame.address());
      case UNREGISTER -> unregister(frame.address());
    }
  }

  private void command(BridgeFrame frame) {
    String address = frame.address();
    if (!addresses.inbound(address)) {
      out.reply(BridgeProtocol.encode(BridgeProtocol.error("access_denied",
          "the bridge takes commands for center.cluster, center.<role> and center.node.<id>[.<role>] only")));
      return;
    }
    if (!(frame.body() instanceof JsonObject body)) {
      stats.badBodies.increment();
      String reason = "a command body must be a JSON object {\"action\": …, \"args\": {…}}";
      out.reply(BridgeProtocol.encode(frame.replyAddress() == null
          ? BridgeProtocol.error("bad_body", reason)
          : failure(frame, Failure.BAD_REQUEST.code(), "RECIPIENT_FAILURE", reason)));
      return;
    }
    request(frame, body);
  }

  /**
   * A command, sent as a request and counted in flight until its reply (or failure) is back, so that
   * reading pauses at the limit whatever the frame asked for: a {@code send} without a reply
   * address is awaited like any other, its reply dropped.
   */
  private void request(BridgeFrame frame, JsonObject body) {
    inFlight++;
    eventBus.request(frame.address(), body, frame.delivery()).onComplete(result -> {
      inFlight--;
      if (closed) {
        return;
      }
      if (frame.replyAddress() == null) {
        stats.sendsWithoutReply.increment();
      } else if (result.succeeded()) {
        out.reply(BridgeProtocol.encode(
            BridgeProtocol.message(frame.replyAddress(), headers(result.result()), result.result().body())));
      } else if (result.cause() instanceof ReplyException reply) {
        out.reply(BridgeProtocol.encode(failure(frame, reply.failureCode(), reply.failureType().name(), reply.getMessage())));
      } else {
        out.reply(BridgeProtocol.encode(failure(frame, Failure.INTERNAL.code(), "RECIPIENT_FAILURE", result.cause().getMessage())));
      }
      pauseOrResume();
    });
  }

  private void register(String address) {
    if (!addresses.outbound(address)) {
      out.reply(BridgeProtocol.encode(BridgeProtocol.error("access_denied", "the bridge lets you listen to center.tap only")));
      return;
    }
    consumers.computeIfAbsent(address, listened -> eventBus.consumer(listened, message -> out.message(BridgeProtocol.encode(
        BridgeProtocol.message(message.address(), headers(message), message.body()).put(BridgeProtocol.SEND, message.isSend())))));
  }

  private void unregister(String address) {
    MessageConsumer<Object> consumer = consumers.remove(address);
    if (consumer == null) {
      out.reply(BridgeProtocol.encode(BridgeProtocol.error("unknown_address", "this connection does not listen to that address")));
    } else {
      consumer.unregister();
    }
  }

  /** Answers with an err frame and closes the connection; nothing more is read from it. */
  private void refuse(String code, String reason) {
    LOG.warn("CLI bridge: {} from {}: answered and closed the connection", code, peer);
    closed = true;
    parser.pause();
    out.clear();
    socket.end(BridgeProtocol.encode(BridgeProtocol.error(code, reason)));
  }

  private void closed() {
    closed = true;
    out.clear();
    consumers.values().forEach(MessageConsumer::unregister);
    consumers.clear();
  }

  private static JsonObject failure(BridgeFrame frame, int code, String type, String message) {
    return BridgeProtocol.failure(frame.replyAddress(), frame.address(), code, type, message);
  }

  private static JsonObject headers(Message<?> message) {
    JsonObject headers = new JsonObject();
    for (Entry<String, String> header : message.headers()) {
      headers.put(header.getKey(), header.getValue());
    }
    return headers;
  }
}
