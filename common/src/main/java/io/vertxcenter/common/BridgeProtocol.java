package io.vertxcenter.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * What the CLI and a node's CLI bridge say to each other, spelled in this one place:
 * vertx-tcp-eventbus-bridge's wire format, a 4-byte big-endian length then that many bytes of one
 * UTF-8 JSON object. On every connection the bridge speaks first, with a {@link #hello()} frame
 * (the protocol's name and version, no secret); a client reads it before it sends anything, so
 * the cluster token never goes to a peer that is not a bridge. A client then sends {@link Request}
 * frames carrying the cluster token as {@code headers.token}; the bridge answers with {@link Answer} frames. The node's bridge
 * ({@code node.bridge}) checks and answers frames with it, the CLI's {@code connect.BridgeClient}
 * writes and reads them.
 */
public final class BridgeProtocol {
  private BridgeProtocol() {}

  /** Bytes of the length that precedes every frame's JSON. */
  public static final int LENGTH_BYTES = 4;

  /** Frame field: the frame's type, a {@link Request} or {@link Answer} in lower case. */
  public static final String TYPE = "type";
  /** Frame field: the event-bus address a frame is for or comes from. */
  public static final String ADDRESS = "address";
  /** Frame field of a send: where the sender waits for the reply. */
  public static final String REPLY_ADDRESS = "replyAddress";
  /** Frame field of a failed request's err frame: the address the request went to. */
  public static final String SOURCE_ADDRESS = "sourceAddress";
  /** Frame field: a JSON object of string headers, plus {@link #TOKEN}, {@link #TIMEOUT}, {@link #LOCAL_ONLY}. */
  public static final String HEADERS = "headers";
  /** Frame field: the body, any JSON value. */
  public static final String BODY = "body";
  /** Frame field of a listened message: true when it was sent to one consumer, false when published. */
  public static final String SEND = "send";
  /** Frame field of an err frame: the error's code (access_denied, …), or a failed request's message. */
  public static final String MESSAGE = "message";
  /** Frame field of an err frame not tied to a request: what went wrong, in words. */
  public static final String REASON = "reason";
  /** Frame field of a failed request's err frame: the failure code (as {@link Failure}'s codes). */
  public static final String FAILURE_CODE = "failureCode";
  /** Frame field of a failed request's err frame: TIMEOUT, NO_HANDLERS or RECIPIENT_FAILURE. */
  public static final String FAILURE_TYPE = "failureType";

  /** Frame field of a hello: the protocol's name, {@link #PROTOCOL_NAME}. */
  public static final String PROTOCOL = "protocol";
  /** Frame field of a hello: the protocol's version, {@link #VERSION}. */
  public static final String VERSION_FIELD = "version";
  /** What a hello's {@link #PROTOCOL} says: this is a VertxCenter CLI bridge. */
  public static final String PROTOCOL_NAME = "vertxcenter-bridge";
  /** The version of this wire format a hello announces; a client refuses another. */
  public static final int VERSION = 1;
  /** The most bytes a hello frame's JSON may have: a longer first frame is no hello. */
  public static final int MAX_HELLO_BYTES = 1024;

  /** Header: the cluster token, which every client frame carries. */
  public static final String TOKEN = "token";
  /** Header of a send: how long the bridge waits for the reply, whole milliseconds. */
  public static final String TIMEOUT = "timeout";
  /** Header of a send: true keeps the request on the bridge's node. */
  public static final String LOCAL_ONLY = "localOnly";

  /** The frame types a client sends. */
  public enum Request {
    SEND, PUBLISH, REGISTER, UNREGISTER, PING;

    /** The type as the {@link #TYPE} field spells it. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The request type {@code type} spells, or null when it is none of them (or not a string). */
    public static Request named(Object type) {
      for (Request value : values()) {
        if (value.wire().equals(type)) {
          return value;
        }
      }
      return null;
    }
  }

  /** The frame types the bridge sends. */
  public enum Answer {
    HELLO, MESSAGE, ERR, PONG;

    /** The type as the {@link #TYPE} field spells it. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code frame} is of this type. */
    public boolean is(JsonObject frame) {
      return wire().equals(frame.getValue(TYPE));
    }
  }

  /**
   * A client frame: {@code {"type":…,"address":…,"headers":…}}, without an address when
   * {@code address} is null (a ping).
   */
  public static JsonObject request(Request type, String address, JsonObject headers) {
    JsonObject frame = new JsonObject().put(TYPE, type.wire());
    if (address != null) {
      frame.put(ADDRESS, address);
    }
    return frame.put(HEADERS, headers);
  }

  /** A message the bridge delivers: a reply to a send, or one on an address the client listens to. */
  public static JsonObject message(String address, JsonObject headers, Object body) {
    return new JsonObject().put(TYPE, Answer.MESSAGE.wire()).put(ADDRESS, address).put(HEADERS, headers).put(BODY, body);
  }

  /** The frame the bridge writes first on every connection: {@code {"type":"hello","protocol":"vertxcenter-bridge","version":1}}. */
  public static JsonObject hello() {
    return new JsonObject().put(TYPE, Answer.HELLO.wire()).put(PROTOCOL, PROTOCOL_NAME).put(VERSION_FIELD, VERSION);
  }

  /** The answer to a ping. */
  public static JsonObject pong() {
    return new JsonObject().put(TYPE, Answer.PONG.wire());
  }

  /** An err frame not tied to a request: {@code {"type":"err","message":code,"reason":reason}}. */
  public static JsonObject error(String code, String reason) {
    return new JsonObject().put(TYPE, Answer.ERR.wire()).put(MESSAGE, code).put(REASON, reason);
  }

  /**
   * The err frame of a request that failed, sent to its {@code replyAddress}.
   *
   * @param sourceAddress the address the request went to
   * @param code          the failure code
   * @param type          TIMEOUT, NO_HANDLERS or RECIPIENT_FAILURE
   * @param message       what went wrong, in words
   */
  public static JsonObject failure(String replyAddress, String sourceAddress, int code, String type, String message) {
    return new JsonObject().put(TYPE, Answer.ERR.wire()).put(ADDRESS, replyAddress).put(SOURCE_ADDRESS, sourceAddress)
        .put(FAILURE_CODE, code).put(FAILURE_TYPE, type).put(MESSAGE, message);
  }

  /** {@code frame} as the bytes on the wire: its length ({@value #LENGTH_BYTES} bytes, big-endian), then its JSON. */
  public static Buffer encode(JsonObject frame) {
    Buffer json = frame.toBuffer();
    return Buffer.buffer(LENGTH_BYTES + json.length()).appendInt(json.length()).appendBuffer(json);
  }
}
