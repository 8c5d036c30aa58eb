package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCheckTest {
  /** Written before and after each payload, so a check that reads outside its bytes is caught. */
  private static final String BEFORE = "JSON|";
  private static final String AFTER = "\"]}";

  static Stream<Arguments> cases() {
    return Stream.of(
        valid("{\"a\":[1,2.5,{\"é\":\"😀\"}]}"),
        valid("[]"),
        valid("{}"),
        valid("\"text\""),
        valid("-12"),
        valid("true"),
        valid("false"),
        valid(" null "),
        valid(" \t\r\n[ 1 , { \"a\" : null } ]\r\n"),
        valid("-0"),
        valid("1e5"),
        valid("1E+5"),
        valid("1e-5"),
        valid("0.5"),
        valid("-0.0e0"),
        valid("\"\\u00e9\""),
        valid("\"\\uD83D\\uDE00 \\\" \\\\ \\/ \\b \\f \\n \\r \\t\""),
        valid("\"\u007f\""),
        valid("{\"a\":1,\"a\":2}"),
        invalid("", "no JSON value"),
        invalid(" \t\r\n", "no JSON value"),
        invalid("{} {}", "text after the JSON value"),
        invalid("truex", "text after the JSON value"),
        invalid("1 // comment", "text after the JSON value"),
        invalid("-", "unexpected end of the JSON value"),
        invalid("1.", "unexpected end of the JSON value"),
        invalid("1e", "unexpected end of the JSON value"),
        invalid("1e+", "unexpected end of the JSON value"),
        invalid("[1", "unexpected end of the JSON value"),
        invalid("{\"a\":", "unexpected end of the JSON value"),
        invalid("tru", "unexpected end of the JSON value"),
        invalid(".5", "unexpected character '.' at byte 1"),
        invalid("+1", "unexpected character '+' at byte 1"),
        invalid("[1.e5]", "unexpected character 'e' at byte 4"),
        invalid("01", "number with a leading zero at byte 1"),
        invalid("[-01]", "number with a leading zero at byte 3"),
        invalid("NaN", "unexpected character 'N' at byte 1"),
        invalid("-Infinity", "unexpected character 'I' at byte 2"),
        invalid("trux", "unexpected character 'x' at byte 4"),
        invalid("\"\\u12G4\"", "invalid escape: unexpected character 'G' at byte 6"),
        invalid("\"\\x\"", "invalid escape: unexpected character 'x' at byte 3"),
        invalid("\"\\'\"", "invalid escape: unexpected character ''' at byte 3"),
        invalid("\"a\tb\"", "unescaped control character 0x09 in a string at byte 3"),
        invalid("\"a", "unterminated string starting at byte 1"),
        invalid("[\"a\\", "unterminated string starting at byte 2"),
        invalid("\"\\u12", "unterminated string starting at byte 1"),
        invalid("]", "unexpected character ']' at byte 1"),
        invalid("[1,]", "unexpected character ']' at byte 4"),
        invalid("[1 2]", "unexpected character '2' at byte 4"),
        invalid("{\"a\"}", "unexpected character '}' at byte 5"),
        invalid("{\"a\":1,}", "unexpected character '}' at byte 8"),
        invalid("{1:2}", "unexpected character '1' at byte 2"),
        invalid("{'a':1}", "unexpected character ''' at byte 2"),
        invalid("/*c*/1", "unexpected character '/' at byte 1"),
        invalid("\u0000", "unexpected byte 0x00 at byte 1"),
        invalid("[1,\f2]", "unexpected byte 0x0c at byte 4"),
        invalid("\u00a01", "unexpected byte 0xc2 at byte 1"),
        invalid("\ufeff[1]", "unexpected byte 0xef at byte 1"),
        valid("1000 nested arrays", "[".repeat(1000) + "]".repeat(1000)),
        invalid("1001 nested arrays", "[".repeat(1001) + "]".repeat(1001), "nesting deeper than 1000 levels at byte 1001"),
        invalid("5000 nested arrays", "[".repeat(5000), "nesting deeper than 1000 levels at byte 1001"),
        invalid("1001 nested objects", "{\"a\":".repeat(1001) + "1" + "}".repeat(1001),
            "nesting deeper than 1000 levels at byte 5001"),
        valid("an integer of 1000 digits", "-" + "9".repeat(1000)),
        invalid("an integer of 1001 digits", "[" + "9".repeat(1001) + "]", "number longer than 1000 digits at byte 2"),
        valid("a number of 1000 digits in an array", "[" + "9".repeat(500) + ".5e" + "9".repeat(499) + "]"),
        invalid("a number of 1001 digits in an array", "[1." + "9".repeat(1000) + "]", "number longer than 1000 digits at byte 2"),
        invalid("a fraction of 1001 digits before a space", "9." + "9".repeat(1000) + " ", "number longer than 1000 digits at byte 1"),
        // Jackson counts one digit less in a number with a fraction or an exponent but not both, if it
        // starts with 0 or ends the input.
        valid("a fraction of 1001 digits after 0", "[0." + "9".repeat(1000) + "]"),
        valid("an exponent of 1001 digits after -0", "[-0e" + "9".repeat(1000) + "]"),
        valid("a fraction of 1001 digits ending the input", "9." + "9".repeat(1000)),
        valid("an exponent of 1001 digits ending the input", "9e" + "9".repeat(1000)),
        invalid("a fraction of 1002 digits ending the input", "9." + "9".repeat(1001), "number longer than 1000 digits at byte 1"),
        invalid("1001 digits with fraction and exponent after 0", "[0.9e" + "9".repeat(999) + "]",
            "number longer than 1000 digits at byte 2"),
        invalid("1001 digits with fraction and exponent ending the input", "9.9e" + "9".repeat(999),
            "number longer than 1000 digits at byte 1"),
        valid("a name of 50000 chars", "{\"" + "a".repeat(50_000) + "\":1}"),
        invalid("a name of 50001 chars", "{\"" + "é".repeat(50_001) + "\":1}", "field name longer than 50000 chars at byte 2"),
        valid("a name of 50000 escaped chars", "{\"" + "\\u0041".repeat(50_000) + "\":1}"),
        invalid("a name of 50002 chars in 25001 emoji", "{\"" + "😀".repeat(25_001) + "\":1}",
            "field name longer than 50000 chars at byte 2"),
        valid("a string value of 100000 chars", "[\"" + "a".repeat(100_000) + "\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("the check names the problem of an invalid payload, agreeing with Jackson on which payloads are valid")
  void checks(String json, String expectedProblem) {
    assertEquals(expectedProblem, problem(json));
    assertEquals(expectedProblem == null, jacksonAccepts(json), "Jackson's verdict");
  }

  @Test
  @DisplayName("on random documents and their mutations, the check accepts exactly what Jackson accepts")
  void agreesWithJackson() {
    long seed = Long.getLong("jsoncheck.seed", 8259L);
    Random random = new Random(seed);
    for (int n = 0; n < 200_000; n++) {
      String json = JsonDocuments.mutate(JsonDocuments.document(random, 0), random);
      String problem = problem(json);
      if ((problem == null) != jacksonAccepts(json)) {
        fail("seed " + seed + ", case " + n + ": the check says " + (problem == null ? "valid" : problem)
            + " but Jackson disagrees on: " + shown(json));
      }
    }
  }

  private static String problem(String json) {
    byte[] line = (BEFORE + json + AFTER).getBytes(StandardCharsets.UTF_8);
    return JsonCheck.problem(line, BEFORE.length(), line.length - BEFORE.length() - AFTER.length());
  }

  private static boolean jacksonAccepts(String json) {
    return JacksonReference.accepts(json);
  }

  private static Arguments valid(String json) {
    return valid(shown(json), json);
  }

  private static Arguments valid(String name, String json) {
    return Arguments.of(Named.of(name, json), null);
  }

  private static Arguments invalid(String json, String problem) {
    return invalid(shown(json), json, problem);
  }

  private static Arguments invalid(String name, String json, String problem) {
    return Arguments.of(Named.of(name, json), problem);
  }

  /** The payload between guillemets, its control characters escaped: a readable test name. */
  private static String shown(String json) {
    StringBuilder name = new StringBuilder("«");
    json.chars().forEach(c -> name.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return name.append('»').toString();
  }

}
