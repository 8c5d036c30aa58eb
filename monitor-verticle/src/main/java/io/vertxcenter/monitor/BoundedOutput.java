package io.vertxcenter.monitor;

import io.vertxcenter.common.ControlCharacters;

/**
 * The console text of one message, written up to {@code maxBytes} bytes (UTF-8) and
 * {@code maxLines} lines; past either limit nothing more is kept, only counted, and
 * {@link #text()} ends with a note of what was left out: {@code ... (N more lines, M more bytes)}.
 * Counting costs no memory: a line break past the limit adds its indentation as a number, so a
 * deeply nested value that would print megabytes of spaces is counted from its input alone.
 *
 * <p>Each {@code append} is one piece (a character, an escape, a token): a piece that does not
 * fit is left out whole, so an escape is never cut in two.
 */
final class BoundedOutput {
  private final int maxBytes;
  private final int maxLines;
  private final StringBuilder text = new StringBuilder(128);
  private int bytes;
  private int lines = 1;
  private boolean cut;
  private boolean cutMidLine;
  private long moreLines;
  private long moreBytes;

  /** Keeps at most {@code maxBytes} bytes (1 or more) in at most {@code maxLines} lines (1 or more). */
  BoundedOutput(int maxBytes, int maxLines) {
    if (maxBytes < 1 || maxLines < 1) {
      throw new IllegalArgumentException("limits must be 1 or more, not " + maxBytes + " bytes and " + maxLines + " lines");
    }
    this.maxBytes = maxBytes;
    this.maxLines = maxLines;
  }

  /** One ASCII character. */
  void append(char ascii) {
    if (fits(1)) {
      text.append(ascii);
    }
  }

  /** One piece of ASCII text, kept whole or left out whole. */
  void append(String ascii) {
    if (fits(ascii.length())) {
      text.append(ascii);
    }
  }

  /** ASCII bytes {@code from} (inclusive) to {@code to}, e.g. a number as it was written, kept whole or left out whole. */
  void appendAscii(byte[] ascii, int from, int to) {
    if (fits(to - from)) {
      for (int i = from; i < to; i++) {
        text.append((char) ascii[i]);
      }
    }
  }

  /** Text a client sent: its control characters escaped ({@link ControlCharacters}), a surrogate pair kept whole. */
  void appendClientText(String client) {
    for (int i = 0; i < client.length(); i++) {
      char c = client.charAt(i);
      if (ControlCharacters.isControl(c)) {
        append(ControlCharacters.escapeOf(c));
      } else if (Character.isHighSurrogate(c) && i + 1 < client.length() && Character.isLowSurrogate(client.charAt(i + 1))) {
        if (fits(4)) {
          text.append(c).append(client.charAt(i + 1));
        }
        i++;
      } else if (fits(c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3)) {
        text.append(c);
      }
    }
  }

  /** A line break, then {@code indent} levels of two spaces. */
  void newline(int indent) {
    int length = 1 + 2 * indent;
    if (!cut && (lines == maxLines || bytes + length > maxBytes)) {
      cutHere(false);
    }
    if (cut) {
      moreLines++;
      moreBytes += length;
      return;
    }
    bytes += length;
    lines++;
    text.append('\n');
    for (int i = 0; i < indent; i++) {
      text.append("  ");
    }
  }

  /** Whether something was left out. */
  boolean cut() {
    return cut;
  }

  /** What was kept, and when something was left out, a last line saying how much. */
  String text() {
    if (!cut) {
      return text.toString();
    }
    long linesLeftOut = moreLines + (cutMidLine ? 1 : 0);
    return text + "\n... (" + linesLeftOut + (linesLeftOut == 1 ? " more line, " : " more lines, ")
        + moreBytes + " more bytes)";
  }

  private boolean fits(int length) {
    if (!cut && bytes + length > maxBytes) {
      cutHere(true);
    }
    if (cut) {
      moreBytes += length;
      return false;
    }
    bytes += length;
    return true;
  }

  private void cutHere(boolean midLine) {
    cut = true;
    cutMidLine = midLine;
  }
}
