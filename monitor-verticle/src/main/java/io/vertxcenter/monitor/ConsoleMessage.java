package io.vertxcenter.monitor;

import io.vertxcenter.common.LineProtocol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one console form of a message, shown by the monitor and by {@code center monitor tail} alike,
 * as the original showed it: {@code Received String: <text>}; for a {@code JSON|} line
 * {@code Received JSON data: <type>} and the value indented by two ({@link JsonPretty}); for one
 * that is not valid JSON {@code Received invalid JSON (<why>): <text>}. Client text has its
 * control characters escaped, and one message prints at most {@link #MAX_BYTES} bytes in
 * {@link #MAX_LINES} lines, then says how much it left out.
 *
 * <p>Whether a {@code JSON|} line is valid is {@link JsonCheck}'s verdict alone, whether the line
 * is shown ({@link #of}) or only counted ({@link #kind}).
 *
 * <p>A line of a batch the server sent again, which a monitor since gone may have shown already, is
 * marked {@link #RESENT_MARK} after its kind: {@code Received String (resent): <text>},
 * {@code Received JSON data (resent): <type>}, {@code Received invalid JSON (resent) (<why>): <text>}.
 */
public final class ConsoleMessage {
  /** The most one message prints, in UTF-8 bytes, before the note of what was left out. */
  public static final int MAX_BYTES = 64 * 1024;
  /** The most lines one message prints, before the note of what was left out. */
  public static final int MAX_LINES = 2_000;
  /** What marks a line that may have been shown before by a monitor since gone. */
  public static final String RESENT_MARK = " (resent)";
  private static final byte[] JSON_PREFIX = LineProtocol.JSON_PREFIX.getBytes(StandardCharsets.UTF_8);

  /** What a line carries. */
  public enum Kind {
    STRING("string"), JSON("json"), INVALID_JSON("invalid-json");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** Its name in the tap's messages and in {@code --json} output. */
    public String wireName() {
      return wireName;
    }
  }

  private final Kind kind;
  private final String text;
  private final boolean cut;

  private ConsoleMessage(Kind kind, String text, boolean cut) {
    this.kind = kind;
    this.text = text;
    this.cut = cut;
  }

  /** What the UTF-8 line {@code offset} to {@code offset + length} carries; allocates nothing. */
  static Kind kind(byte[] utf8, int offset, int length) {
    if (!isJson(utf8, offset, length)) {
      return Kind.STRING;
    }
    return JsonCheck.problem(utf8, offset + JSON_PREFIX.length, length - JSON_PREFIX.length) == null ? Kind.JSON : Kind.INVALID_JSON;
  }

  /** The console form of {@code line} (a line's text as received, without its newline). */
  public static ConsoleMessage of(String line) {
    return of(line, false);
  }

  /** The console form of {@code line}, marked {@link #RESENT_MARK} when {@code resent}. */
  public static ConsoleMessage of(String line, boolean resent) {
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    return of(utf8, 0, utf8.length, MAX_BYTES, MAX_LINES, resent);
  }

  /**
   * The console form of the UTF-8 line {@code offset} to {@code offset + length}, within the given
   * limits (1 or more), marked {@link #RESENT_MARK} when {@code resent}.
   */
  static ConsoleMessage of(byte[] utf8, int offset, int length, int maxBytes, int maxLines, boolean resent) {
    BoundedOutput out = new BoundedOutput(maxBytes, maxLines);
    String mark = resent ? RESENT_MARK : "";
    Kind kind;
    if (!isJson(utf8, offset, length)) {
      kind = Kind.STRING;
      out.append("Received String" + mark + ": ");
      out.appendClientText(new String(utf8, offset, length, StandardCharsets.UTF_8));
    } else {
      int from = offset + JSON_PREFIX.length;
      int to = offset + length;
      String problem = JsonCheck.problem(utf8, from, to - from);
      if (problem == null) {
        kind = Kind.JSON;
        out.append("Received JSON data" + mark + ": " + JsonPretty.typeName(utf8, from, to));
        out.newline(0);
        JsonPretty.write(utf8, from, to, out);
      } else {
        kind = Kind.INVALID_JSON;
        out.append("Received invalid JSON" + mark + " (" + problem + "): ");
        out.appendClientText(new String(utf8, offset, length, StandardCharsets.UTF_8));
      }
    }
    return new ConsoleMessage(kind, out.text(), out.cut());
  }

  /** What the line carries; for a {@code JSON|} line, {@link JsonCheck}'s verdict. */
  public Kind kind() {
    return kind;
  }

  /** The text to print: one or more lines, no newline at the end, no control characters but line breaks. */
  public String text() {
    return text;
  }

  /** Whether the message was longer than the limits and {@link #text()} ends with the note of what was left out. */
  public boolean cut() {
    return cut;
  }

  private static boolean isJson(byte[] utf8, int offset, int length) {
    return length >= JSON_PREFIX.length
        && Arrays.equals(utf8, offset, offset + JSON_PREFIX.length, JSON_PREFIX, 0, JSON_PREFIX.length);
  }
}
