package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Failure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerParamsTest {

  @Test
  @DisplayName("params change by key, numbers given as text or as numbers")
  void changes() {
    ServerParams params = ServerParams.DEFAULTS.with(new JsonObject().put("port", "6000").put("maxLineBytes", 1024));
    assertEquals(new ServerParams("127.0.0.1", 6000, 1, 1024, 1000, 60, 0), params);
  }

  @Test
  @DisplayName("idleTimeoutSeconds is 60 unless set, and set like the others")
  void idleTimeout() {
    assertEquals(60, ServerParams.DEFAULTS.idleTimeoutSeconds());
    assertEquals(5, ServerParams.DEFAULTS.with(new JsonObject().put("idleTimeoutSeconds", "5")).idleTimeoutSeconds());
  }

  @Test
  @DisplayName("an unknown key or a value out of range is a bad request naming what is valid")
  void refusals() {
    Failure.CommandException unknown = assertThrows(Failure.CommandException.class,
        () -> ServerParams.DEFAULTS.with(new JsonObject().put("prot", 1)));
    assertEquals(Failure.BAD_REQUEST, unknown.failure());
    assertEquals("unknown server param 'prot': expected one of host, port, instances, maxLineBytes, maxConnections, idleTimeoutSeconds, ackPort",
        unknown.getMessage());
    Failure.CommandException range = assertThrows(Failure.CommandException.class,
        () -> ServerParams.DEFAULTS.with(new JsonObject().put("instances", "0")));
    assertEquals("instances must be a whole number from 1 to 64", range.getMessage());
    Failure.CommandException idle = assertThrows(Failure.CommandException.class,
        () -> ServerParams.DEFAULTS.with(new JsonObject().put("idleTimeoutSeconds", 0)));
    assertEquals("idleTimeoutSeconds must be a whole number from 1 to 86400", idle.getMessage());
  }

  @Test
  @DisplayName("the ack port may not be the data port, set together or one after the other: a bad request naming both")
  void ackPortIsNotThePort() {
    Failure.CommandException together = assertThrows(Failure.CommandException.class,
        () -> ServerParams.DEFAULTS.with(new JsonObject().put("port", 26000).put("ackPort", 26000)));
    assertEquals(Failure.BAD_REQUEST, together.failure());
    assertEquals("ackPort must differ from port (both 26000): lines and acks need a port each; choose another ackPort, or 0 for no ack port",
        together.getMessage());
    ServerParams acked = ServerParams.DEFAULTS.with(new JsonObject().put("ackPort", 26000));
    assertThrows(Failure.CommandException.class, () -> acked.with(new JsonObject().put("port", 26000)));
    assertEquals(0, ServerParams.DEFAULTS.with(new JsonObject().put("port", 26000).put("ackPort", 0)).ackPort());
    // one word checked on its own (the CLI, not knowing the server's port) is not refused for the defaults' port
    assertEquals(ServerParams.DEFAULT_PORT, ServerParams.DEFAULTS.withEach(new JsonObject().put("ackPort", ServerParams.DEFAULT_PORT)).ackPort());
  }
}
