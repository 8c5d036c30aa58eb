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
    LineFramer framer = new LineFramer(5, (bytes, offset, length, ascii) -> lines.add(text(bytes, offset, length, ascii)));
    assertTrue(framer.handle(Buffer.buffer("ok\n12345")));
    assertFalse(framer.handle(Buffer.buffer("6")));
    assertEquals(List.of("ok"), lines);
  }

  @Test
  @DisplayName("at the end of the stream the bytes after the last newline are the last line, split or not; nothing else is")
  void lastLineAtEnd() {
    List<String> lines = new ArrayList<>();
    LineFramer framer = new LineFramer(100, (bytes, offset, length, ascii) -> lines.add(text(bytes, offset, length, ascii)));
    framer.handle(Buffer.buffer("A1\nA2-"));
    framer.handle(Buffer.buffer("no-newline"));
    framer.finish();
    framer.finish();
    assertEquals(List.of("A1", "A2-no-newline"), lines);
    LineFramer ended = new LineFramer(100, (bytes, offset, length, ascii) -> lines.add("unexpected"));
    ended.handle(Buffer.buffer("B1\n"));
    lines.clear();
    ended.finish();
    assertEquals(List.of(), lines, "a stream that ends with its newline has no further line");
  }

  @Test
  @DisplayName("the search for newlines eight bytes at a time finds the first one wherever it is, among any bytes")
  void newlineSearch() {
    java.util.Random random = new java.util.Random(7);
    byte[] sample = {'\n', '\n' ^ (byte) 0x80, '\n' + 1, '\n' - 1, 0, (byte) 0xff, 'a', (byte) 0x8a, 1};
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = sample[random.nextInt(sample.length)];
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int expected = -1;
      for (int i = from; i < bytes.length && expected < 0; i++) {
        expected = bytes[i] == '\n' ? i : -1;
      }
      boolean ascii = true;
      for (byte b : bytes) {
        ascii &= b >= 0;
      }
      assertEquals(expected, LineFramer.indexOfNewline(bytes, from, bytes.length), java.util.Arrays.toString(bytes) + " from " + from);
      assertEquals(ascii, LineFramer.isAscii(bytes, bytes.length), java.util.Arrays.toString(bytes));
    }
  }

  /** The line as text, after checking that a line said to be ASCII is. */
  private static String text(byte[] bytes, int offset, int length, boolean ascii) {
    String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (ascii) {
      assertTrue(text.chars().allMatch(c -> c < 0x80), "said to be ASCII: " + text);
    }
    return text;
  }

  private static List<String> frame(List<Buffer> reads) {
    List<String> lines = new ArrayList<>();
    LineFramer framer = new LineFramer(1_000, (bytes, offset, length, ascii) -> lines.add(text(bytes, offset, length, ascii)));
    reads.forEach(read -> assertTrue(framer.handle(read)));
    return lines;
  }
}
