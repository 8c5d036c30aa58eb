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
 * An unknown command one-shot: one line naming it (escaped, cut when long) and where the help is
 * ({@code center help}); in the shell, as the original shell answered: {@code Invalid command: foo!},
 * the suggestion on its own line when there is one, then the help of the group it was typed in (the
 * handler, {@link CliErrors#shellUsageError}, is the one {@link Shell} installs). Only parsed: nothing runs.
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
  @DisplayName("in the shell: 'Invalid command: foo!', the suggestion on a line of its own, then the group's help; other usage errors as one-shot")
  void shell() {
    List<String> foo = shellErrorOf("foo");
    assertEquals("Invalid command: foo!", foo.get(0));
    assertTrue(foo.get(1).startsWith("Usage: center "), String.join("\n", foo));
    assertTrue(foo.stream().anyMatch(line -> line.strip().startsWith("cluster ")), "the commands are listed:\n" + String.join("\n", foo));
    List<String> statu = shellErrorOf("server", "statu");
    assertEquals("Invalid command: statu!", statu.get(0));
    assertTrue(statu.get(1).startsWith("did you mean status"), String.join("\n", statu));
    assertTrue(statu.get(2).startsWith("Usage: center server "), String.join("\n", statu));
    assertEquals("error: invalid value for N: 'x' (instances must be a whole number from 0 to 256); see 'workers scale --help'", errorOf(true, "workers", "scale", "x"));
  }

  @Test
  @DisplayName("a 5,000-character command is cut to 40 characters and '…'; a control character is shown escaped, never raw")
  void longAndControlCommandsShownSafely() {
    String line = errorOf(false, "x".repeat(5000));
    assertTrue(line.startsWith("error: unknown command '" + "x".repeat(CliErrors.SHOWN_CHARACTERS) + "…'"), line);
    assertTrue(line.length() < 120, line);
    String escaped = errorOf(false, "fo\u001b[2Jo");
    assertTrue(escaped.startsWith("error: unknown command 'fo\\x1b[2Jo'"), escaped);
    assertFalse(escaped.chars().anyMatch(c -> c < 0x20), escaped);
    assertEquals("Invalid command: " + "x".repeat(CliErrors.SHOWN_CHARACTERS) + "…!", shellErrorOf("x".repeat(5000)).get(0));
    String shellEscaped = shellErrorOf("fo\u001b[2Jo").get(0);
    assertEquals("Invalid command: fo\\x1b[2Jo!", shellEscaped);
  }

  /** The one error line of {@code args}, exit status 2, one-shot or as the shell reports it. */
  private static String errorOf(boolean shell, String... args) {
    List<String> lines = errorLines(shell, args);
    assertEquals(1, lines.size(), String.join("\n", lines));
    return lines.get(0);
  }

  /** What the shell prints for {@code args} (exit status 2): every line. */
  private static List<String> shellErrorOf(String... args) {
    return errorLines(true, args);
  }

  private static List<String> errorLines(boolean shell, String... args) {
    CommandLine center = Center.commandLine();
    if (shell) {
      center.setParameterExceptionHandler(CliErrors::shellUsageError);
    }
    StringWriter err = new StringWriter();
    center.setErr(new PrintWriter(err, true));
    center.setOut(new PrintWriter(new StringWriter(), true));
    center.setExecutionStrategy(parsed -> 0);
    assertEquals(2, center.execute(args), err.toString());
    return err.toString().lines().toList();
  }
}
