package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.BridgeProtocol.Answer;
import io.vertxcenter.common.BridgeProtocol.Request;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BridgeProtocolTest {

  @Test
  @DisplayName("a frame on the wire is its JSON's length in 4 big-endian bytes, then the JSON, which reads back equal")
  void encodeRoundTrip() {
    JsonObject frame = BridgeProtocol.request(Request.SEND, "center.cluster", new JsonObject().put("token", "t"))
        .put("replyAddress", "r1").put("body", new JsonObject().put("action", "status").put("naïve", "ü"));
    Buffer wire = BridgeProtocol.encode(frame);
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    assertEquals(4 + json.length, wire.length());
    assertEquals(json.length, wire.getInt(0));
    assertEquals(frame, new JsonObject(wire.slice(4, wire.length())));
  }

  @Test
  @DisplayName("frames are spelled as vertx-tcp-eventbus-bridge spells them")
  void spelling() {
    assertEquals(new JsonObject().put("type", "ping").put("headers", new JsonObject()),
        BridgeProtocol.request(Request.PING, null, new JsonObject()));
    assertEquals(new JsonObject().put("type", "register").put("address", "center.tap").put("headers", new JsonObject()),
        BridgeProtocol.request(Request.REGISTER, "center.tap", new JsonObject()));
    assertEquals(new JsonObject().put("type", "pong"), BridgeProtocol.pong());
    assertEquals(new JsonObject().put("type", "err").put("message", "access_denied").put("reason", "why"),
        BridgeProtocol.error("access_denied", "why"));
    assertEquals(new JsonObject().put("type", "message").put("address", "r1").put("headers", new JsonObject()).put("body", 7),
        BridgeProtocol.message("r1", new JsonObject(), 7));
    assertEquals(new JsonObject().put("type", "err").put("address", "r1").put("sourceAddress", "center.server")
            .put("failureCode", 408).put("failureType", "TIMEOUT").put("message", "late"),
        BridgeProtocol.failure("r1", "center.server", 408, "TIMEOUT", "late"));
  }

  @Test
  @DisplayName("request types read back from their wire names; anything else is none of them")
  void requestNames() {
    for (Request type : Request.values()) {
      assertEquals(type, Request.named(type.wire()));
    }
    assertNull(Request.named("SEND"));
    assertNull(Request.named("message"));
    assertNull(Request.named(1));
    assertNull(Request.named(null));
  }

  @Test
  @DisplayName("an answer type matches a frame of that type only")
  void answerTypes() {
    assertTrue(Answer.PONG.is(BridgeProtocol.pong()));
    assertFalse(Answer.ERR.is(BridgeProtocol.pong()));
    assertFalse(Answer.MESSAGE.is(new JsonObject().put("type", 1)));
    assertFalse(Answer.MESSAGE.is(new JsonObject()));
  }
}
