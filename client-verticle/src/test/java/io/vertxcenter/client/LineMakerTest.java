package io.vertxcenter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LineMakerTest {

  @Test
  @DisplayName("lines have the asked size and are numbered in order across calls; the asked share of them is valid JSON")
  void sizeShareAndNumbers() {
    LineMaker maker = new LineMaker("1-1", 100, 0.3);
    Buffer out = maker.next(1).appendBuffer(maker.next(999)).appendBuffer(maker.next(1000));
    String[] lines = out.toString().split("\n");
    assertEquals(2000, lines.length);
    int json = 0;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      assertEquals(100, line.length(), line);
      if (line.startsWith("JSON|")) {
        JsonObject value = new JsonObject(line.substring(5));
        assertEquals("1-1", value.getString("connection"));
        assertEquals(n, value.getLong("n"), line);
        json++;
      } else {
        assertTrue(line.startsWith("message 1-1 " + n + " x"), line);
      }
    }
    assertEquals(600, json);
  }

  @Test
  @DisplayName("a size too small for the numbering gives complete lines, longer than asked")
  void tooSmallSize() {
    String[] lines = new LineMaker("c", 5, 0.5).next(2).toString().split("\n");
    assertEquals("message c 0 ", lines[0]);
    assertEquals("{\"connection\":\"c\",\"n\":1,\"pad\":\"\"}", lines[1].substring(5));
  }
}
