package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  @DisplayName("a JSON payload prints like Python's json.dumps(indent=2), with its type's JSON name")
  void printsLikePython() throws JsonProcessingException {
    assertEquals("{\n  \"a\": [\n    1,\n    \"é\"\n  ],\n  \"b\": {\n    \"c\": null,\n    \"d\": {},\n    \"e\": []\n  }\n}",
        JsonText.pretty(JsonText.parse(" {\"a\":[1,\"\\u00e9\"],\"b\":{\"c\":null,\"d\":{ },\"e\":[]}} ")));
    String[][] typeNames = {{"{}", "object"}, {"[]", "array"}, {"\"s\"", "string"}, {"-1.5e3", "number"},
        {"true", "boolean"}, {"null", "null"}};
    for (String[] typeName : typeNames) {
      assertEquals(typeName[1], JsonText.typeName(JsonText.parse(typeName[0])), typeName[0]);
    }
  }

  @Test
  @DisplayName("parsing fails on a payload that is not exactly one JSON value")
  void refusesAllButOneValue() {
    assertEquals("no JSON value", assertThrows(JsonProcessingException.class, () -> JsonText.parse("  ")).getOriginalMessage());
    assertThrows(JsonProcessingException.class, () -> JsonText.parse("{} {}"));
  }
}
