package io.vertxcenter.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson as the tests' reference: a parser with its default limits but no field-name table
 * (so names sharing a hash are no "DoS attack" to it), and its token stream, to tell whether printed
 * JSON is the value that was sent.
 */
final class JacksonReference {
  private static final JsonFactory NO_NAME_TABLE = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
  private static final ObjectMapper CHECKER = new ObjectMapper(NO_NAME_TABLE).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JacksonReference() {}

  /** Whether {@code json} is exactly one JSON value within Jackson's default limits. */
  static boolean accepts(String json) {
    try {
      JsonNode value = CHECKER.readTree(json);
      return value != null && !value.isMissingNode();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * The value of {@code json} as its tokens in order, each as its type and text: strings and names
   * unescaped, numbers exactly as written. Two texts with the same tokens are the same value, sent
   * the same way. Fails on invalid JSON.
   */
  static List<String> tokens(String json) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (JsonParser parser = NO_NAME_TABLE.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        tokens.add(token + " " + parser.getText());
      }
    }
    return tokens;
  }
}
