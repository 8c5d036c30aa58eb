package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shell fed by a pipe, as a script feeds it: its exit status is its last command's, as
 * {@code sh}'s is; an unterminated quote is an error, not silently closed; {@code help} walks the
 * path. In this JVM, with stdin, stdout and stderr replaced; only commands that need no cluster.
 */
class ShellScriptTest {
  @Test
  @DisplayName("exit status: the last command's (2 after a usage error last, 0 after a good command last; 'exit' does not count)")
  void exitStatusOfTheLastCommand() {
    assertEquals(2, shell("help\nbogus\n").status());
    assertEquals(0, shell("bogus\nhelp\n").status());
    assertEquals(2, shell("bogus\nexit\n").status());
    assertEquals(0, shell("").status());
  }

  @Test
  @DisplayName("an unterminated quote: 'error: unterminated quote', nothing runs, status 2")
  void unterminatedQuote() {
    Result result = shell("help \"unterminated\n");
    assertEquals(2, result.status(), result.err());
    assertEquals("error: unterminated quote in: help \"unterminated; close it, or escape it with \\", result.err().strip());
    assertEquals("", result.out());
  }

  @Test
  @DisplayName("'help server params set' in the shell shows that command's help")
  void helpWalksThePath() {
    Result result = shell("help server params set\n");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().startsWith("Usage: center server params set "), result.out());
  }

  record Result(int status, String out, String err) {}

  private static synchronized Result shell(String input) {
    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int status = Shell.run(Center.commandLine(), null, null);
      System.out.flush();
      System.err.flush();
      return new Result(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
  }
}
