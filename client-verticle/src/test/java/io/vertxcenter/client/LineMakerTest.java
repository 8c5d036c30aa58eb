package io.vertxcenter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LineMakerTest {

  @Test
  @DisplayName("lines have the asked size, the asked share of them is valid JSON")
  void sizeAndShare() {
    Buffer out = Buffer.buffer();
    new LineMaker("1-1", 100, 0.3).append(out, 1000);
    String[] lines = out.toString().split("\n");
    assertEquals(1000, lines.length);
    int json = 0;
    for (String line : lines) {
      assertEquals(100, line.length(), line);
      if (line.startsWith("JSON|")) {
        new JsonObject(line.substring(5));
        json++;
      }
    }
    assertEquals(300, json);
  }
}
