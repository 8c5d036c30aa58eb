package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DataBatchTest {
  private static final String TRICKY = "JSON|{\"q\":\"\\\"\"} é€😀 \uFFFD \t";

  @Test
  @DisplayName("a batch survives the bus encoding: connections, numbers, times and any text")
  void roundTrip() {
    DataBatch.Writer writer = new DataBatch.Writer(256);
    byte[] tricky = TRICKY.getBytes(StandardCharsets.UTF_8);
    writer.add("a1-1-1", 1, 1_700_000_000_000_000L, bytes("plain"), 0, 5);
    writer.add("a1-1-2", 7, 1_700_000_000_000_001L, tricky, 0, tricky.length);
    writer.add("a1-1-1", 2, 1_700_000_000_000_002L, bytes("cut here"), 4, 4);
    assertEquals(3, writer.lines());

    DataBatch.Reader reader = new DataBatch.Reader(writer.finish());
    assertEquals(3, reader.lines());
    assertEquals(2, reader.connections());
    assertLine(reader, "a1-1-1", 0, 1, 1_700_000_000_000_000L, "plain");
    assertLine(reader, "a1-1-2", 1, 7, 1_700_000_000_000_001L, TRICKY);
    assertTrue(reader.textStartsWith(bytes(LineProtocol.JSON_PREFIX)));
    assertArrayEquals(tricky,
        Arrays.copyOfRange(reader.bytes(), reader.textOffset(), reader.textOffset() + reader.textLength()));
    assertLine(reader, "a1-1-1", 0, 2, 1_700_000_000_000_002L, "here");
    assertFalse(reader.textStartsWith(bytes("here!")));
    assertFalse(reader.next());
  }

  @Test
  @DisplayName("a batch reads back the same whatever room its writer started with (it grows at any point)")
  void anyStartingRoom() {
    for (int room = 0; room < 300; room++) {
      DataBatch.Writer writer = new DataBatch.Writer(room);
      for (int i = 1; i <= 3; i++) {
        writer.add("connection-" + i, i, i, bytes("line " + i), 0, 6);
      }
      DataBatch.Reader reader = new DataBatch.Reader(writer.finish());
      for (int i = 1; i <= 3; i++) {
        assertLine(reader, "connection-" + i, i - 1, i, i, "line " + i);
      }
      assertFalse(reader.next());
    }
  }

  @Test
  @DisplayName("an empty batch reads as no lines")
  void empty() {
    assertFalse(new DataBatch.Reader(new DataBatch.Writer(16).finish()).next());
  }

  @Test
  @DisplayName("a body that is not a batch is refused with a reason, before any line is read")
  void notABatch() {
    assertRefused("not a data batch: version 91, expected 2", Buffer.buffer("[1,2]"));
    assertRefused("not a data batch: truncated", Buffer.buffer().appendByte(DataBatch.VERSION));
    DataBatch.Writer writer = new DataBatch.Writer(64);
    writer.add("c", 1, 1, bytes("abc"), 0, 3);
    Buffer body = writer.finish();
    assertRefused("not a data batch: bad line 1", body.copy().setInt(30 + 2 + 8 + 8, 1_000));
    assertRefused("not a data batch: bad line 1", body.copy().setShort(30, (short) 1));
    assertRefused("not a data batch: bad header", body.copy().setInt(6, body.length() + 1));
  }

  @Test
  @DisplayName("a stamped batch carries its sender, send time, ack timeout and resent flag; stamped again in place for the next copy")
  void stamp() {
    DataBatch.Writer writer = new DataBatch.Writer(64);
    writer.add("c", 1, 1, bytes("abc"), 0, 3);
    Buffer body = writer.finish();
    DataBatch.Reader unstamped = new DataBatch.Reader(body);
    assertEquals(0, unstamped.sentAtMicros());
    assertEquals(0, unstamped.ackTimeoutMs());
    assertFalse(unstamped.resent());

    long before = DataBatch.monotonicMicros();
    DataBatch.stamp(body, false, 5_000);
    DataBatch.Reader first = new DataBatch.Reader(body);
    assertFalse(first.resent());
    assertEquals(5_000, first.ackTimeoutMs());
    assertTrue(first.sentAtMicros() >= before && first.sentAtMicros() <= DataBatch.monotonicMicros());
    DataBatch.stamp(body, true, 5_000);
    DataBatch.Reader again = new DataBatch.Reader(body);
    assertTrue(again.resent());
    assertEquals(first.sender(), again.sender());
    assertTrue(again.sentAtMicros() >= first.sentAtMicros());
    assertTrue(again.next());
    assertEquals("abc", again.text());
  }

  private static void assertLine(DataBatch.Reader reader, String connection, int index, long seq, long receivedAt,
      String text) {
    assertTrue(reader.next());
    assertEquals(connection, reader.connection());
    assertEquals(index, reader.connectionIndex());
    assertEquals(seq, reader.seq());
    assertEquals(receivedAt, reader.receivedAtMicros());
    assertEquals(text, reader.text());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRefused(String reason, Buffer body) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new DataBatch.Reader(body));
    assertEquals(reason, error.getMessage());
  }
}
