package io.vertxcenter.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The JSON payload of a {@code JSON|} line: checked cheaply, or parsed and shown like Python's {@code json.dumps(indent=2)}. */
final class JsonText {
  /**
   * For checking only: field names are skipped, so they are not kept in a symbol table. (Kept, Jackson
   * would read the UTF-8 bytes directly, a little faster, but copy its table for each new name:
   * 40 us or more a line when names vary, JsonTextTest's many-names case.)
   */
  private static final JsonFactory CHECKER = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
  /**
   * An ASCII payload widened to chars, one array per thread and reused: Jackson checks a char array
   * without the set-up it needs for bytes (encoding detection, a Reader), the bulk of a check's cost.
   */
  private static final ThreadLocal<char[]> ASCII_CHARS = ThreadLocal.withInitial(() -> new char[1024]);
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(TWO_SPACES).withArrayIndenter(TWO_SPACES));

  private JsonText() {}

  /** Why the UTF-8 bytes at {@code offset} are not one JSON value, or null when they are; no tree is built. */
  static String problem(byte[] utf8, int offset, int length) {
    char[] chars = ASCII_CHARS.get();
    if (chars.length < length) {
      chars = new char[length];
      ASCII_CHARS.set(chars);
    }
    for (int i = 0; i < length; i++) {
      byte b = utf8[offset + i];
      if (b < 0) {
        char[] decoded = new String(utf8, offset, length, StandardCharsets.UTF_8).toCharArray();
        return problem(decoded, decoded.length);
      }
      chars[i] = (char) b;
    }
    return problem(chars, length);
  }

  private static String problem(char[] payload, int length) {
    try (JsonParser parser = CHECKER.createParser(payload, 0, length)) {
      if (parser.nextToken() == null) {
        return "no JSON value";
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return "text after the JSON value";
      }
      return null;
    } catch (JsonProcessingException e) {
      return e.getOriginalMessage();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

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
