package io.vertxcenter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AckWindowTest {
  @Test
  @DisplayName("an ACK inside a chunk keeps only the lines after it, and a new connection gets exactly those, counting from 0 again")
  void partialAckThenResend() {
    AckWindow window = new AckWindow(1_000);
    window.reconnected();
    window.sent(Buffer.buffer("a 0\na 1\na 2\n"), 3);
    window.sent(Buffer.buffer("a 3\n"), 1);

    assertEquals(2, window.acknowledge("ACK 2"));
    assertEquals(2, window.lines());
    assertEquals("a 2\na 3\n", String.join("", window.reconnected().stream().map(Buffer::toString).toList()));
    assertEquals(1, window.acknowledge("ACK 1"), "the new connection's ACK counts its own lines");
    assertEquals(List.of("a 3\n"), window.reconnected().stream().map(Buffer::toString).toList());
  }

  @Test
  @DisplayName("the bound: room for whole lines of the given size only, 0 once reached")
  void room() {
    AckWindow window = new AckWindow(10);
    assertEquals(2, window.room(4));
    window.sent(Buffer.buffer("a 0\na 1\n"), 2);
    assertEquals(0, window.room(4));
  }

  @Test
  @DisplayName("an ACK that goes down, counts more than was sent, or is not 'ACK <n>' is refused with why")
  void badAcks() {
    AckWindow window = new AckWindow(1_000);
    window.reconnected();
    window.sent(Buffer.buffer("a 0\na 1\n"), 2);
    window.acknowledge("ACK 2");
    assertEquals("it acknowledged 1 lines after 2", assertThrows(IllegalArgumentException.class, () -> window.acknowledge("ACK 1")).getMessage());
    assertEquals("it acknowledged 3 lines when 2 were sent", assertThrows(IllegalArgumentException.class, () -> window.acknowledge("ACK 3")).getMessage());
    for (String bad : List.of("ACK", "ACK ", "ACK -1", "ACK 1 ", "ack 1", "ACK 99999999999999999999")) {
      assertThrows(IllegalArgumentException.class, () -> window.acknowledge(bad), bad);
    }
  }
}
