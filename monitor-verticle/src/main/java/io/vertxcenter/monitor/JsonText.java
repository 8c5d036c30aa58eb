package io.vertxcenter.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The JSON payload of a {@code JSON|} line, parsed and shown like Python's {@code json.dumps(indent=2)}; {@link JsonCheck} checks it cheaply. */
final class JsonText {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
              .withObjectEmptySeparator("").withArrayEmptySeparator(""))
      .withObjectIndenter(TWO_SPACES).withArrayIndenter(TWO_SPACES));

  private JsonText() {}

  /** The parsed value; fails with a short reason when {@code payload} is not one JSON value. */
  static JsonNode parse(String payload) throws JsonProcessingException {
    JsonNode node = MAPPER.readTree(payload);
    if (node == null || node.isMissingNode()) {
      throw new JsonProcessingException("no JSON value") {};
    }
    return node;
  }

  static String pretty(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree must print", e);
    }
  }

  /** JSON's name for the type of the value: object, array, string, number, boolean or null. */
  static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "object";
      case ARRAY -> "array";
      case STRING, BINARY -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      default -> "null";
    };
  }
}
