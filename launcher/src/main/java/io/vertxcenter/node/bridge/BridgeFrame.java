package io.vertxcenter.node.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * One inbound frame of the TCP event-bus bridge protocol (vertx-tcp-eventbus-bridge's wire format:
 * a 4-byte big-endian length, then that many bytes of a UTF-8 JSON object), checked field by
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
public record BridgeFrame(Type type, String address, String replyAddress, String token, DeliveryOptions delivery,
    Object body) {

  /** The longest request timeout a frame may ask for. */
  public static final long MAX_TIMEOUT_MS = 600_000;

  /** The frame types a client may send. */
  public enum Type {
    SEND, PUBLISH, REGISTER, UNREGISTER, PING;

    static Type parse(Object type) {
      if (type instanceof String text) {
        for (Type value : values()) {
          if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
            return value;
          }
        }
      }
      throw new Malformed("unknown_type", "type must be one of send, publish, register, unregister, ping");
    }
  }

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
    Type type = Type.parse(frame.getValue("type"));
    Object address = frame.getValue("address");
    if (type != Type.PING && !(address instanceof String)) {
      throw new Malformed("missing_address", "a " + type.name().toLowerCase(Locale.ROOT) + " frame needs an address (a string)");
    }
    Object replyAddress = frame.getValue("replyAddress");
    if (replyAddress != null && !(replyAddress instanceof String)) {
      throw new Malformed("bad_headers", "replyAddress must be a string");
    }
    Object headers = frame.getValue("headers");
    if (headers != null && !(headers instanceof JsonObject)) {
      throw new Malformed("bad_headers", "headers must be a JSON object");
    }
    DeliveryOptions delivery = new DeliveryOptions();
    String token = null;
    if (headers != null) {
      for (Map.Entry<String, Object> header : (JsonObject) headers) {
        Object value = header.getValue();
        switch (header.getKey()) {
          case "token" -> token = text(header.getKey(), value);
          case "timeout" -> delivery.setSendTimeout(timeout(value));
          case "localOnly" -> {
            if (!(value instanceof Boolean local)) {
              throw new Malformed("bad_headers", "header localOnly must be true or false");
            }
            delivery.setLocalOnly(local);
          }
          default -> delivery.addHeader(header.getKey(), text(header.getKey(), value));
        }
      }
    }
    return new BridgeFrame(type, (String) address, (String) replyAddress, token, delivery, frame.getValue("body"));
  }

  /** {@code frame} as the bytes on the wire: its length, then its JSON. */
  public static Buffer encode(JsonObject frame) {
    Buffer json = frame.toBuffer();
    return Buffer.buffer(4 + json.length()).appendInt(json.length()).appendBuffer(json);
  }

  /** An {@code err} frame not tied to a request: {@code {"type":"err","message":code,"reason":…}}. */
  public static JsonObject error(String code, String reason) {
    return new JsonObject().put("type", "err").put("message", code).put("reason", reason);
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
