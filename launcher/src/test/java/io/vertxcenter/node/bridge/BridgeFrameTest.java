package io.vertxcenter.node.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.BridgeProtocol.Request;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node's side of the wire format reads what the CLI's side writes ({@link BridgeProtocol}). */
class BridgeFrameTest {

  @Test
  @DisplayName("a send built and encoded by BridgeProtocol parses back with its type, addresses, token, delivery and body")
  void sendRoundTrip() {
    JsonObject body = new JsonObject().put("action", "status");
    JsonObject headers = new JsonObject().put(BridgeProtocol.TOKEN, "secret").put(BridgeProtocol.TIMEOUT, 2500)
        .put(BridgeProtocol.LOCAL_ONLY, true).put("trace", "abc");
    BridgeFrame frame = parseWire(BridgeProtocol.encode(BridgeProtocol.request(Request.SEND, "center.cluster", headers)
        .put(BridgeProtocol.REPLY_ADDRESS, "r1").put(BridgeProtocol.BODY, body)));

    assertEquals(Request.SEND, frame.type());
    assertEquals("center.cluster", frame.address());
    assertEquals("r1", frame.replyAddress());
    assertEquals("secret", frame.token());
    assertEquals(2500, frame.delivery().getSendTimeout());
    assertEquals(true, frame.delivery().isLocalOnly());
    assertEquals("abc", frame.delivery().getHeaders().get("trace"));
    assertNull(frame.delivery().getHeaders().get(BridgeProtocol.TOKEN), "the token is never passed on");
    assertEquals(body, frame.body());
  }

  @Test
  @DisplayName("a ping needs no address; every request type parses back as itself")
  void everyType() {
    for (Request type : Request.values()) {
      String address = type == Request.PING ? null : "center.tap";
      BridgeFrame frame = parseWire(BridgeProtocol.encode(BridgeProtocol.request(type, address, new JsonObject())));
      assertEquals(type, frame.type());
      assertEquals(address, frame.address());
    }
  }

  @Test
  @DisplayName("an answer type sent as a request is refused as unknown_type")
  void answerIsNoRequest() {
    BridgeFrame.Malformed malformed = assertThrows(BridgeFrame.Malformed.class,
        () -> parseWire(BridgeProtocol.encode(BridgeProtocol.pong())));
    assertEquals("unknown_type", malformed.code());
  }

  /** The frame's JSON as the bridge's connection hands it over: the wire bytes after the length. */
  private static BridgeFrame parseWire(Buffer wire) {
    assertEquals(wire.length() - BridgeProtocol.LENGTH_BYTES, wire.getInt(0));
    return BridgeFrame.parse(wire.slice(BridgeProtocol.LENGTH_BYTES, wire.length()));
  }
}
