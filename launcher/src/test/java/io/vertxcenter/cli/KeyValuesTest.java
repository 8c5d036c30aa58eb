package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

  @Test
  @DisplayName("the original's 'port=5001 host=0.0.0.0' becomes typed JSON args")
  void typedValues() {
    JsonObject args = KeyValues.parse(List.of("port=5001", "host=0.0.0.0", "jsonShare=0.5", "verbose=true",
        "count=10000000000", "max-line-bytes=1024", "name="));
    assertEquals(new JsonObject().put("port", 5001).put("host", "0.0.0.0").put("jsonShare", 0.5).put("verbose", true)
        .put("count", 10_000_000_000L).put("maxLineBytes", 1024).put("name", ""), args);
    assertEquals(Integer.class, args.getValue("port").getClass());
  }

  @Test
  @DisplayName("a word that is not KEY=VALUE is rejected (the CLI's converter words the error: CliIT, EveryOptionValueTest)")
  void notKeyValue() {
    assertThrows(IllegalArgumentException.class, () -> KeyValues.parse(List.of("port")));
    assertThrows(IllegalArgumentException.class, () -> KeyValues.parse(List.of("=5")));
    assertThrows(IllegalArgumentException.class, () -> KeyValues.parse(List.of("5=5")));
  }
}
