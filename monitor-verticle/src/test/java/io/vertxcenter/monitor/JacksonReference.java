package io.vertxcenter.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson as the tests' reference: a parser with its default limits but no field-name table
 * (so names sharing a hash are no "DoS attack" to it), and a reader that keeps every number exactly
 * (BigDecimal, BigInteger), to tell whether printed JSON is the value that was sent.
 */
final class JacksonReference {
  private static final JsonFactory NO_NAME_TABLE = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
  private static final ObjectMapper CHECKER = new ObjectMapper(NO_NAME_TABLE).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper EXACT = new ObjectMapper(NO_NAME_TABLE).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

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

  /** The value of {@code json}, numbers kept exactly as written (scale included); fails on invalid JSON. */
  static JsonNode exactValue(String json) throws JsonProcessingException {
    return EXACT.readTree(json);
  }
}
