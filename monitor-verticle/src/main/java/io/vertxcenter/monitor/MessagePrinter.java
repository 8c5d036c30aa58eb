package io.vertxcenter.monitor;

import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.DataBatch;
import java.io.IOException;

/**
 * The monitor's console ({@link DisplayOutput} in a node): each message in its {@link ConsoleMessage} form, or, above
 * {@link #AUTO_LIMIT_PER_SECOND} messages a second (in {@link PrintMode#AUTO}), one summary line per
 * second so the console stays readable; and the lines the monitor failed on, at most
 * {@link #ERRORS_PER_SECOND} a second in every mode (the rest are counted in the summary and in
 * {@code monitor status}).
 */
final class MessagePrinter {
  static final int AUTO_LIMIT_PER_SECOND = 50;
  static final int ERRORS_PER_SECOND = 10;

  /** Where the console's lines go: the node's standard output ({@link DisplayOutput}), a list in a test. */
  interface Console {
    void info(String text);

    void error(String text);

    /** Makes sure every line given so far is written; throws when it could not be. */
    void flush() throws IOException;
  }

  private final PrintMode mode;
  private final Console console;
  private long thisSecond;
  private long lastSecond;
  private long summarised;
  private long errorsThisSecond;

  MessagePrinter(PrintMode mode, Console console) {
    this.mode = mode;
    this.console = console;
  }

  /**
   * Shows the line {@code batch} is at in its {@link ConsoleMessage} form (marked as resent when
   * {@code resent}) if the mode shows it this second, and returns that form; null when it is only
   * summarised. Counts it either way.
   */
  ConsoleMessage show(DataBatch.Reader batch, boolean resent) {
    thisSecond++;
    boolean show = mode == PrintMode.ALL
        || (mode == PrintMode.AUTO && lastSecond <= AUTO_LIMIT_PER_SECOND && thisSecond <= AUTO_LIMIT_PER_SECOND);
    if (!show) {
      summarised++;
      return null;
    }
    ConsoleMessage message = ConsoleMessage.of(batch.bytes(), batch.textOffset(), batch.textLength(),
        ConsoleMessage.MAX_BYTES, ConsoleMessage.MAX_LINES, resent);
    console.info(message.text());
    return message;
  }

  /** Shows that handling the line {@code seq} of {@code connection} failed with {@code failure}, unless too many did this second. */
  void failed(String connection, long seq, RuntimeException failure) {
    if (errorsThisSecond++ < ERRORS_PER_SECOND) {
      console.error("failed to handle line " + seq + " of connection " + connection + ": " + failure.getClass().getSimpleName()
          + ": " + ControlCharacters.escape(String.valueOf(failure.getMessage()))
          + " (counted in 'errors'; acknowledged, so the server goes on and never sends it again)");
    }
  }

  /** Writes every line shown so far (before a batch is acknowledged); throws when it could not. */
  void flush() throws IOException {
    console.flush();
  }

  /** Called once a second: prints the summary if messages went unshown in {@link PrintMode#SUMMARY} or {@link PrintMode#AUTO}. */
  void second(String summary) {
    if ((summarised > 0 && mode != PrintMode.NONE) || errorsThisSecond > ERRORS_PER_SECOND) {
      console.info(summary);
    }
    summarised = 0;
    lastSecond = thisSecond;
    thisSecond = 0;
    errorsThisSecond = 0;
  }
}
