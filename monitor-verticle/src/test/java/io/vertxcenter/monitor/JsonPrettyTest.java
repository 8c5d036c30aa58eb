package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonPrettyTest {
  /**
   * Where the monitor's output differs from Python's {@code json.dumps(json.loads(s), indent=2)}, on
   * purpose: Python reads every number with a fraction or an exponent as a double and prints its
   * {@code repr}, which changes how it reads ({@code 1e5} as {@code 100000.0}) or the value itself
   * ({@code 1e400} as {@code Infinity}, which is not even JSON; {@code 1.0000000000000001} as
   * {@code 1.0}), and an integer as a Python int ({@code -0} as {@code 0}); the monitor prints
   * every number as it was written. Python keeps the last of two
   * equal names in an object; the monitor shows every name that was sent.
   */
  private static final Map<String, String> DIFFERENCES = Map.ofEntries(
      Map.entry("-0", "-0"),
      Map.entry("1e400", "1e400"),
      Map.entry("-1e400", "-1e400"),
      Map.entry("1e5", "1e5"),
      Map.entry("1E+5", "1E+5"),
      Map.entry("1.50", "1.50"),
      Map.entry("1e-5", "1e-5"),
      Map.entry("0.1e1", "0.1e1"),
      Map.entry("1.0000000000000001", "1.0000000000000001"),
      Map.entry("12345678901234567890.0", "12345678901234567890.0"),
      Map.entry("1e22", "1e22"),
      Map.entry("[1E2,2e-3]", "[\n  1E2,\n  2e-3\n]"),
      Map.entry("{\"a\":1,\"b\":2,\"a\":3}", "{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3\n}"));

  @Test
  @DisplayName("JSON prints as Python's json.dumps(indent=2) printed it (table made with python3), numbers as written")
  void printsLikePython() throws IOException {
    JsonNode table;
    try (InputStream in = getClass().getResourceAsStream("/python-json-dumps.json")) {
      table = new ObjectMapper().readTree(in);
    }
    int same = 0;
    StringBuilder wrong = new StringBuilder();
    for (JsonNode row : table.get("table")) {
      String input = row.get("input").asText();
      String python = row.get("python").asText();
      String expected = DIFFERENCES.getOrDefault(input, python);
      String printed = pretty(input);
      if (!expected.equals(printed)) {
        wrong.append("\n").append(input).append(" printed ").append(printed).append(" expected ").append(expected);
      }
      if (expected.equals(python)) {
        same++;
      } else {
        assertEquals(JacksonReference.tokens(input), JacksonReference.tokens(expected), "kept as sent: " + input);
      }
    }
    assertEquals("", wrong.toString());
    assertEquals(table.get("table").size() - DIFFERENCES.size(), same, "every difference is in the table");
  }

  @Test
  @DisplayName("printing never changes the value: 1e400, lone surrogates, 1e-05, 10000000.0, long numbers as sent")
  void keepsTheValue() {
    assertEquals("{\n  \"v\": 1e400\n}", pretty("{\"v\":1e400}"));
    assertEquals("{\n  \"v\": \"\\ud800\"\n}", pretty("{\"v\":\"\\ud800\"}"));
    assertEquals("[\n  1e-05,\n  10000000.0,\n  -0.0\n]", pretty("[1e-05,10000000.0,-0.0]"));
    String big = "123456789".repeat(111);
    assertEquals("[\n  " + big + ",\n  0." + big + "e-999999\n]", pretty("[" + big + ",0." + big + "e-999999]"));
  }

  @Test
  @DisplayName("printed JSON parses back to the value sent, on random documents and the hard cases")
  void roundTrips() throws IOException {
    Random random = new Random(Long.getLong("jsonpretty.seed", 7159L));
    for (int n = 0; n < 5_000; n++) {
      String json = n % 25 == 24 ? JsonDocuments.hard(random, n / 25) : JsonDocuments.document(random, 0);
      byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
      if (JsonCheck.problem(utf8, 0, utf8.length) != null) {
        continue;
      }
      String printed = pretty(json);
      if (!JacksonReference.tokens(json).equals(JacksonReference.tokens(printed))) {
        fail("case " + n + ": printed " + printed + " for " + json);
      }
      for (char c : printed.toCharArray()) {
        if ((c < ' ' && c != '\n') || c > '~') {
          fail("case " + n + ": U+" + Integer.toHexString(c) + " printed raw for " + json);
        }
      }
    }
  }

  @Test
  @DisplayName("1,000 nested arrays print, one level a line")
  void deepNesting() {
    String printed = pretty("[".repeat(1000) + "]".repeat(1000));
    assertEquals(1999, printed.lines().count());
    assertEquals(" ".repeat(2 * 999) + "[]", printed.lines().skip(999).findFirst().orElseThrow());
    assertNull(JsonCheck.problem(printed.getBytes(StandardCharsets.UTF_8), 0, printed.length()));
  }

  private static String pretty(String json) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    BoundedOutput out = new BoundedOutput(Integer.MAX_VALUE, Integer.MAX_VALUE);
    JsonPretty.write(utf8, 0, utf8.length, out);
    return out.text();
  }
}
