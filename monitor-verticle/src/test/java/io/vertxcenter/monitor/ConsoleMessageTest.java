package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleMessageTest {
  private static final Pattern NOTE = Pattern.compile("\n\\.\\.\\. \\((\\d+) more lines?, (\\d+) more bytes\\)$");

  @Test
  @DisplayName("a message shows as the original showed it: Received String, Received JSON data with its type, invalid JSON with why")
  void showsLikeTheOriginal() {
    assertEquals("Received String: hello é", ConsoleMessage.of("hello é").text());
    ConsoleMessage json = ConsoleMessage.of("JSON|{\"a\":[1,\"é\"],\"b\":{}}");
    assertEquals(ConsoleMessage.Kind.JSON, json.kind());
    assertEquals("Received JSON data: object\n{\n  \"a\": [\n    1,\n    \"\\u00e9\"\n  ],\n  \"b\": {}\n}", json.text());
    assertEquals("Received JSON data: number\n-1.5e3", ConsoleMessage.of("JSON| -1.5e3 ").text());
    ConsoleMessage invalid = ConsoleMessage.of("JSON|{\"a\":}");
    assertEquals(ConsoleMessage.Kind.INVALID_JSON, invalid.kind());
    assertEquals("Received invalid JSON (unexpected character '}' at byte 6): JSON|{\"a\":}", invalid.text());
    assertEquals(ConsoleMessage.Kind.STRING, ConsoleMessage.of("JSON").kind());
  }

  @Test
  @DisplayName("control characters a client sent are escaped in every form: ESC, CR, BEL, VT, FF, NUL, DEL, C1")
  void escapesControls() {
    assertEquals("Received String: \\x1b[2J\\x1b[H\\rReceived String: forged\\x07\\x0b\\x0c\\x00\\x7f\\x9b",
        ConsoleMessage.of("\u001b[2J\u001b[H\rReceived String: forged\u0007\u000b\u000c\u0000\u007f\u009b").text());
    assertEquals("Received invalid JSON (unexpected byte 0x1b at byte 2): JSON|{\\x1b[2J",
        ConsoleMessage.of("JSON|{\u001b[2J").text());
    assertEquals("Received JSON data: string\n\"\\u001b[2J \\u007f \\u009b \\r\"",
        ConsoleMessage.of("JSON|\"\\u001b[2J \u007f \u009b \\r\"").text());
    assertEquals("last: \\x1b[31mred", MessageCounts.abbreviate("last: \u001b[31mred"));
  }

  @Test
  @DisplayName("a 64 KiB line nested 990 deep prints 64 KiB and says how much it left out (~65 MB), counted, not written")
  void boundsDeepNesting() {
    int depth = 990;
    int elements = (65_536 - "JSON|".length() - 2 * depth + 1) / 2;
    String line = "JSON|" + "[".repeat(depth) + "1,".repeat(elements - 1) + "1" + "]".repeat(depth);
    assertEquals(65_536, line.length());

    ConsoleMessage message = ConsoleMessage.of(line);

    assertTrue(message.cut());
    Matcher note = NOTE.matcher(message.text());
    assertTrue(note.find(), message.text().substring(message.text().length() - 100));
    String shown = message.text().substring(0, note.start());
    assertTrue(shown.length() <= ConsoleMessage.MAX_BYTES, "shown " + shown.length());
    // The whole rendering: the header, one line per opening bracket, one per element, one per closing bracket.
    long bytes = "Received JSON data: array".length();
    long lines = 1;
    for (int level = 1; level <= depth; level++) {
      bytes += 1 + 1 + 2 * level; // "[" then a line break and the next level's indent
      bytes += 1 + 2 * (level - 1) + 1; // a line break, indent and "]"
      lines += 2;
    }
    bytes += 1 + elements + (elements - 1) * (1L + 1 + 2 * depth); // the header's line break; "1", and ",", line break, indent
    lines += elements;
    long shownLines = shown.lines().count();
    assertEquals(lines, shownLines + Long.parseLong(note.group(1)), "lines (the cut falls on a line break here)");
    assertEquals(bytes, shown.length() + Long.parseLong(note.group(2)));
    assertTrue(bytes > 60_000_000, "the whole would be " + bytes + " bytes");
  }

  @Test
  @DisplayName("one message prints at most 2,000 lines, and a long line at most 64 KiB")
  void boundsLinesAndBytes() {
    ConsoleMessage lines = ConsoleMessage.of("JSON|[" + "1,".repeat(4999) + "1]");
    assertTrue(lines.cut());
    String[] shown = lines.text().split("\n");
    assertEquals(2_001, shown.length);
    // left out: 3,002 elements ("\n  1" and a comma but the last) and "\n]"
    assertEquals("... (3003 more lines, 15011 more bytes)", shown[2_000]);

    ConsoleMessage text = ConsoleMessage.of("x".repeat(70_000));
    assertTrue(text.cut());
    assertEquals("Received String: " + "x".repeat(65_536 - 17) + "\n... (1 more line, 4481 more bytes)", text.text());

    ConsoleMessage escapes = ConsoleMessage.of("\u001b".repeat(20_000));
    assertTrue(escapes.text().startsWith("Received String: \\x1b"));
    assertTrue(escapes.text().split("\n")[0].endsWith("\\x1b"), "an escape is never cut in two");

    assertFalse(ConsoleMessage.of("x".repeat(65_536 - 17)).cut());
  }

  @Test
  @DisplayName("the verdict of a printed line is the verdict of a counted one")
  void oneVerdict() {
    String[] lines = {"JSON|{\"a\":1}", "JSON|{\"a\":}", "plain", "JSON|" + JsonDocuments.collidingNames(729), "JSON|[1e400]"};
    for (String line : lines) {
      byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
      assertEquals(ConsoleMessage.kind(utf8, 0, utf8.length), ConsoleMessage.of(line).kind(), line);
    }
    assertEquals(ConsoleMessage.Kind.JSON, ConsoleMessage.of("JSON|" + JsonDocuments.collidingNames(729)).kind());
  }
}
