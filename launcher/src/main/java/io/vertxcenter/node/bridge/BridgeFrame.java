package io.vertxcenter.node.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.BridgeProtocol.Request;
import java.util.Map;

/**
 * One inbound frame of the TCP event-bus bridge protocol ({@link BridgeProtocol}: a 4-byte
 * big-endian length, then that many bytes of a UTF-8 JSON object), checked field by
 * field: {@code type} one of send, publish, register, unregister, ping; {@code address} a string
 * (not needed for ping); {@code replyAddress} a string if present; {@code headers} an object whose
 * {@code token} is a string, {@code timeout} a whole number of ms in 1-{@value #MAX_TIMEOUT_MS},
 * {@code localOnly} a boolean and any other header a string. The token is never passed on.
 *
 * @param type         the frame type
 * @param address      the address, or null for ping
 * @param replyAddress where the sender waits for the reply (send), or null
 * @param token        {@code headers.token}, or null
 * @param delivery     timeout, localOnly and the other headers, as delivery options
 * @param body         the body: any JSON value, or null
 */
public record BridgeFrame(Request type, String address, String replyAddress, String token, DeliveryOptions delivery,
    Object body) {

  /** The longest request timeout a frame may ask for. */
  public static final long MAX_TIMEOUT_MS = 600_000;

  /** A frame that breaks the protocol; the connection that sent it is answered and closed. */
  public static final class Malformed extends RuntimeException {
    private final String code;

    Malformed(String code, String reason) {
      super(reason, null, false, false);
      this.code = code;
    }

    /** The {@code message} of the err frame: invalid_json, unknown_type, missing_address, bad_headers. */
    public String code() {
      return code;
    }
  }

  /**
   * Parses and checks one frame's JSON.
   *
   * @throws Malformed naming what is wrong (never echoing what was sent)
   */
  public static BridgeFrame parse(Buffer json) {
    JsonObject frame;
    try {
      frame = new JsonObject(json);
    } catch (RuntimeException e) { // DecodeException, or a JSON value that is not an object
      throw new Malformed("invalid_json", "a frame must be one JSON object");
    }
    Request type = Request.named(frame.getValue(BridgeProtocol.TYPE));
    if (type == null) {
      throw new Malformed("unknown_type", "type must be one of send, publish, register, unregister, ping");
    }
    Object address = frame.getValue(BridgeProtocol.ADDRESS);
    if (type != Request.PING && !(address instanceof String)) {
      throw new Malformed("missing_address", "a " + type.wire() + " frame needs an address (a string)");
    }
    Object replyAddress = frame.getValue(BridgeProtocol.REPLY_ADDRESS);
    if (replyAddress != null && !(replyAddress instanceof String)) {
      throw new Malformed("bad_headers", "replyAddress must be a string");
    }
    Object headers = frame.getValue(BridgeProtocol.HEADERS);
    if (headers != null && !(headers instanceof JsonObject)) {
      throw new Malformed("bad_headers", "headers must be a JSON object");
    }
    DeliveryOptions delivery = new DeliveryOptions();
    String token = null;
    if (headers != null) {
      for (Map.Entry<String, Object> header : (JsonObject) headers) {
        Object value = header.getValue();
        switch (header.getKey()) {
          case BridgeProtocol.TOKEN -> token = text(header.getKey(), value);
          case BridgeProtocol.TIMEOUT -> delivery.setSendTimeout(timeout(value));
          case BridgeProtocol.LOCAL_ONLY -> {
            if (!(value instanceof Boolean local)) {
              throw new Malformed("bad_headers", "header localOnly must be true or false");
            }
            delivery.setLocalOnly(local);
          }
          default -> delivery.addHeader(header.getKey(), text(header.getKey(), value));
        }
      }
    }
    return new BridgeFrame(type, (String) address, (String) replyAddress, token, delivery, frame.getValue(BridgeProtocol.BODY));
  }

  private static long timeout(Object value) {
    if (value instanceof Number number && number.doubleValue() == number.longValue()
        && number.longValue() >= 1 && number.longValue() <= MAX_TIMEOUT_MS) {
      return number.longValue();
    }
    throw new Malformed("bad_headers", "header timeout must be a whole number of milliseconds from 1 to " + MAX_TIMEOUT_MS);
  }

  private static String text(String name, Object value) {
    if (!(value instanceof String text)) {
      throw new Malformed("bad_headers", "header " + name + " must be a string");
    }
    return text;
  }
}
