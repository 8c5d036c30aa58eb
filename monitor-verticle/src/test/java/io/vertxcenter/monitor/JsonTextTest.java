package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  @DisplayName("the check on bytes accepts one JSON value of any type, and only the bytes it is given")
  void acceptsOneValue() {
    for (String json : new String[] {"{\"a\":[1,2.5,{\"é\":\"😀\"}]}", "[]", "\"text\"", "-12", "true", " null "}) {
      assertNull(problem("xx" + json + "yy", 2, json.getBytes(StandardCharsets.UTF_8).length), json);
    }
  }

  @Test
  @DisplayName("the check on bytes names why a payload is not one JSON value")
  void namesTheProblem() {
    assertEquals("no JSON value", problem("   ", 0, 3));
    assertEquals("text after the JSON value", problem("{} {}", 0, 5));
    assertNotNull(problem("{\"a\":", 0, 5));
    assertNotNull(problem("{'a':1}", 0, 7));
  }

  @Test
  @DisplayName("many distinct field names never make a valid payload fail")
  void manyFieldNames() {
    for (int i = 0; i < 200_000; i++) {
      String json = "{\"field" + i + "\":" + i + "}";
      assertNull(problem(json, 0, json.length()), json);
    }
  }

  private static String problem(String text, int offset, int length) {
    return JsonText.problem(text.getBytes(StandardCharsets.UTF_8), offset, length);
  }
}
