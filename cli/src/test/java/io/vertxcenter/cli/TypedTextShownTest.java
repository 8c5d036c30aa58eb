package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Text a user typed, wherever an error shows it (a node name, a help topic, an argument, a key),
 * is cut to {@value CliErrors#SHOWN_CHARACTERS} characters and escaped, terminal controls and
 * invisible format characters alike; {@code help} walks the whole command path. In this JVM: the
 * commands are parsed (help runs), nothing connects.
 */
class TypedTextShownTest {
  private static final String LONG = "z".repeat(5000);
  private static final String CUT = "z".repeat(CliErrors.SHOWN_CHARACTERS) + "…";

  @Test
  @DisplayName("--node with ESC or 5,000 characters: the 'no node' error shows it escaped and cut (exit 3: it may be a node that left)")
  void nodeNameShown() {
    List<JsonObject> nodes = List.of(new JsonObject().put("id", "a").put("roles", new JsonArray().add("server")));
    CliException escaped = assertThrows(CliException.class, () -> RoleNodes.withRole(nodes, Role.SERVER, "x\u001b[1mBOLD"));
    assertEquals("no node 'x\\x1b[1mBOLD' in the cluster; known nodes: a", escaped.getMessage());
    assertEquals(CliException.UNREACHABLE, escaped.exitCode());
    CliException cut = assertThrows(CliException.class, () -> RoleNodes.withRole(nodes, Role.SERVER, LONG));
    assertEquals("no node '" + CUT + "' in the cluster; known nodes: a", cut.getMessage());
  }

  @Test
  @DisplayName("'center help <5000 z>' reads as an unknown command does: cut, no stray '.;'")
  void helpOfUnknownCommand() {
    Run run = run("help", LONG);
    assertEquals(2, run.status());
    assertEquals("error: unknown command '" + CUT + "'; see 'center help'", run.err().strip());
    assertEquals("error: unknown command 'foo'; see 'center help'", run("help", "foo").err().strip());
    assertEquals("error: unknown command 'foo'; see 'center server --help'", run("help", "server", "foo").err().strip());
    assertEquals("error: 'center server status' has no subcommand 'x\\x1b[2J'; see 'center server status --help'",
        run("help", "server", "status", "x\u001b[2J").err().strip());
  }

  @Test
  @DisplayName("'help server params set' shows the help of 'server params set', not of 'server'")
  void helpWalksThePath() {
    Run run = run("help", "server", "params", "set");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("Usage: center server params set "), run.out());
    assertTrue(run("help").out().startsWith("Usage: center "));
  }

  @Test
  @DisplayName("an argument a command does not take, 5,000 characters long: 'unexpected argument' with it cut")
  void unexpectedArgumentCut() {
    Run run = run("server", "status", LONG);
    assertEquals(2, run.status());
    assertEquals("error: unexpected argument '" + CUT + "'; see 'center server status --help'", run.err().strip());
  }

  @Test
  @DisplayName("a soft hyphen in a key ('po\\u00adrt=1') shows as \\u00ad, not as a key that looks like 'port'")
  void formatCharacterInKeyShown() {
    String line = KeyValuesTest.errorOf("server", "params", "set", "po\u00adrt=1");
    assertTrue(line.startsWith("error: invalid value for KEY=VALUE: 'po\\u00adrt=1' (unknown key 'po\\u00adrt': "), line);
    String rtl = KeyValuesTest.errorOf("client", "start", "\u202eport=1");
    assertTrue(rtl.contains("unknown key '\\u202eport'"), rtl);
  }

  @Test
  @DisplayName("--json before the mistake: the usage error is JSON on stderr, {\"error\": …, \"exit\": 2}")
  void jsonUsageError() {
    Run global = run("--json", "server", "status", "--bogus");
    assertEquals(2, global.status());
    assertEquals(new JsonObject().put("error", "unknown option '--bogus'; see 'center server status --help'").put("exit", 2),
        new JsonObject(global.err().strip()));
    Run own = run("cluster", "status", "--json", "extra");
    assertEquals(new JsonObject().put("error", "unexpected argument 'extra'; see 'center cluster status --help'").put("exit", 2),
        new JsonObject(own.err().strip()));
    assertEquals("error: unknown option '--bogus'; see 'center server status --help'", run("server", "status", "--bogus").err().strip());
  }

  /** What {@code center ARGS} printed and its exit status; only help commands run, nothing connects. */
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    CommandLine center = Center.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    center.setOut(new PrintWriter(out, true));
    center.setErr(new PrintWriter(err, true));
    int status = center.execute(args);
    return new Run(status, out.toString(), err.toString());
  }
}
