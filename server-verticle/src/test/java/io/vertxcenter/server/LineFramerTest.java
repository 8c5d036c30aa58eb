package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LineFramerTest {
  private static final String TEXT = "first\nsecond line\r\n\nJSON|{\"é\":\"😀\"}\nlast\n";

  @Test
  @DisplayName("the same lines, however the bytes are split over reads")
  void anySplit() {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    List<String> whole = frame(List.of(Buffer.buffer(bytes)));
    assertEquals(List.of("first", "second line\r", "", "JSON|{\"é\":\"😀\"}", "last"), whole);
    for (int cut = 0; cut <= bytes.length; cut++) {
      for (int second = cut; second <= bytes.length; second++) {
        Buffer all = Buffer.buffer(bytes);
        List<Buffer> reads = List.of(all.getBuffer(0, cut), all.getBuffer(cut, second), all.getBuffer(second, bytes.length));
        assertEquals(whole, frame(reads), "cut at " + cut + " and " + second);
      }
    }
  }

  @Test
  @DisplayName("an unterminated line over the limit is refused, after the complete lines before it")
  void unterminatedLimit() {
    List<String> lines = new ArrayList<>();
    LineFramer framer = new LineFramer(5, (bytes, offset, length) -> lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8)));
    assertTrue(framer.handle(Buffer.buffer("ok\n12345")));
    assertFalse(framer.handle(Buffer.buffer("6")));
    assertEquals(List.of("ok"), lines);
  }

  private static List<String> frame(List<Buffer> reads) {
    List<String> lines = new ArrayList<>();
    LineFramer framer = new LineFramer(1_000, (bytes, offset, length) -> lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8)));
    reads.forEach(read -> assertTrue(framer.handle(read)));
    return lines;
  }
}
