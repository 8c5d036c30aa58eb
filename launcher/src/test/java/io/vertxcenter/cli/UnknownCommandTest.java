package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * An unknown command reads the same one-shot and in the shell: one line naming it (escaped, cut when
 * long) and where the help is, {@code center help} in a terminal, {@code help} in the shell, whose
 * handler ({@link CliErrors#shellUsageError}) is the one {@link Shell} installs. Only parsed: nothing runs.
 */
class UnknownCommandTest {
  @Test
  @DisplayName("one-shot: 'center foo' says unknown command 'foo' and 'center help'; a subcommand's points at its group's help")
  void oneShot() {
    assertEquals("error: unknown command 'foo'; see 'center help'", errorOf(false, "foo"));
    String statu = errorOf(false, "server", "statu");
    assertTrue(statu.startsWith("error: unknown command 'statu' (did you mean status"), statu);
    assertTrue(statu.endsWith("; see 'center server --help'"), statu);
  }

  @Test
  @DisplayName("in the shell: the same line, with the shell's own commands: 'help', 'server --help'")
  void shell() {
    assertEquals("error: unknown command 'foo'; see 'help'", errorOf(true, "foo"));
    assertTrue(errorOf(true, "server", "statu").endsWith("; see 'server --help'"));
    assertTrue(errorOf(true, "workers", "scale", "x").endsWith("; see 'workers scale --help'"));
  }

  @Test
  @DisplayName("a 5,000-character command is cut to 40 characters and '…'; a control character is shown escaped, never raw")
  void longAndControlCommandsShownSafely() {
    for (boolean shell : List.of(false, true)) {
      String line = errorOf(shell, "x".repeat(5000));
      assertTrue(line.startsWith("error: unknown command '" + "x".repeat(CliErrors.SHOWN_CHARACTERS) + "…'"), line);
      assertTrue(line.length() < 120, line);
      String escaped = errorOf(shell, "fo\u001b[2Jo");
      assertTrue(escaped.startsWith("error: unknown command 'fo\\x1b[2Jo'"), escaped);
      assertFalse(escaped.chars().anyMatch(c -> c < 0x20), escaped);
    }
  }

  /** The one error line of {@code args}, exit status 2, one-shot or as the shell reports it. */
  private static String errorOf(boolean shell, String... args) {
    CommandLine center = Center.commandLine();
    if (shell) {
      center.setParameterExceptionHandler(CliErrors::shellUsageError);
    }
    StringWriter err = new StringWriter();
    center.setErr(new PrintWriter(err, true));
    center.setOut(new PrintWriter(new StringWriter(), true));
    center.setExecutionStrategy(parsed -> 0);
    assertEquals(2, center.execute(args), err.toString());
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    return lines.get(0);
  }
}
