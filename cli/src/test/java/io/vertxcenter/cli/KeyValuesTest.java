package io.vertxcenter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The {@code KEY=VALUE} words of {@code server params set} and {@code client start} and the pairs of
 * {@code node --client-load}: one parser ({@link KeyValues}), so every mistake reads the same in all
 * three, names the key and says what is wrong, in the words of the key's {@code Settings.Range}.
 * Commands are parsed in this JVM and never sent: nothing connects or starts.
 */
class KeyValuesTest {
  private static final String PORT_FORM = "port=N, N a whole number from 1 to 65535";

  @Test
  @DisplayName("'port=5001 host=0.0.0.0 max-line-bytes=1024' becomes typed args; client words too, a count past an int included")
  void typedValues() {
    JsonObject server = argsOf("server", "params", "set", "port=5001", "host=0.0.0.0", "max-line-bytes=1024");
    assertEquals(new JsonObject().put("port", 5001).put("host", "0.0.0.0").put("maxLineBytes", 1024), server);
    assertEquals(Integer.class, server.getValue("port").getClass());
    assertEquals(new JsonObject().put("jsonShare", 0.25).put("count", 10_000_000_000L).put("rate", 5),
        argsOf("client", "start", "jsonShare=0.25", "count=10000000000", "--rate", "5"));
  }

  @Test
  @DisplayName("a key without a value, or with an empty one: the same line names the key and what its value may be, in all three commands")
  void keyWithoutValue() {
    for (String word : List.of("port", "port=")) {
      assertEquals("error: invalid value for KEY=VALUE: '" + word + "' ('port' needs a value: " + PORT_FORM
          + "); see 'center server params set --help'", errorOf("server", "params", "set", word));
      assertEquals("error: invalid value for KEY=VALUE: '" + word + "' ('port' needs a value: " + PORT_FORM
          + "); see 'center client start --help'", errorOf("client", "start", word));
      assertEquals("error: invalid value for --client-load: 'rate=2," + word + "' ('port' needs a value: " + PORT_FORM
          + "); see 'center node --help'", errorOf("node", "--roles", "client", "--client-load", "rate=2," + word));
    }
    assertEquals("error: invalid value for --client-load: 'rate' ('rate' needs a value: rate=N, N a whole number from 0 to "
        + "100000000); see 'center node --help'", errorOf("node", "--roles", "client", "--client-load", "rate"));
    assertEquals("error: invalid value for KEY=VALUE: 'jsonShare=' ('jsonShare' needs a value: jsonShare=N, N a number "
        + "from 0 to 1); see 'center client start --help'", errorOf("client", "start", "jsonShare="));
  }

  @Test
  @DisplayName("a key given twice (in one list, across words, as a word and an option, across --client-load flags): an error naming it, not 'last one wins'")
  void keyTwice() {
    String twice = "'rate' is given twice: give each key once";
    assertEquals("error: invalid value for --client-load: 'rate=1,rate=2' (" + twice + "); see 'center node --help'",
        errorOf("node", "--roles", "client", "--client-load", "rate=1,rate=2"));
    assertEquals("error: invalid value for --client-load: 'rate=2' (" + twice + "); see 'center node --help'",
        errorOf("node", "--roles", "client", "--client-load", "rate=1", "--client-load", "port=5000,rate=2"));
    assertEquals("error: invalid value for KEY=VALUE: 'rate=2' (" + twice + "); see 'center client start --help'",
        errorOf("client", "start", "rate=1", "rate=2"));
    assertEquals("error: invalid value for KEY=VALUE: 'maxLineBytes=64' ('maxLineBytes' is given twice: give each key once); "
        + "see 'center server params set --help'", errorOf("server", "params", "set", "max-line-bytes=32", "maxLineBytes=64"));
    assertEquals("error: 'port' is given twice, as an option and as a KEY=VALUE word: give each key once; "
        + "see 'center server params set --help'", errorOf("server", "params", "set", "--port", "5001", "port=5002"));
  }

  @Test
  @DisplayName("spaces around a key or a value: refused, naming the key, never trimmed, in all three commands")
  void spacesRefused() {
    String why = "('port' has spaces around it or its value: write " + PORT_FORM + ", without spaces)";
    for (String word : List.of("port= 1", "port=1 ", " port=1", "port =1")) {
      assertEquals("error: invalid value for KEY=VALUE: '" + word + "' " + why + "; see 'center server params set --help'",
          errorOf("server", "params", "set", word));
      assertEquals("error: invalid value for KEY=VALUE: '" + word + "' " + why + "; see 'center client start --help'",
          errorOf("client", "start", word));
      assertEquals("error: invalid value for --client-load: 'rate=2," + word + "' " + why + "; see 'center node --help'",
          errorOf("node", "--roles", "client", "--client-load", "rate=2," + word));
    }
  }

  @Test
  @DisplayName("a 5,000-character value or key is shown cut to 40 characters and '…'; control characters are shown escaped, never raw")
  void longAndControlTextShownSafely() {
    String longValue = "port=" + "9".repeat(5000);
    String cut = longValue.substring(0, CliErrors.SHOWN_CHARACTERS) + "…";
    assertEquals("error: invalid value for KEY=VALUE: '" + cut + "' (port must be a whole number from 1 to 65535); "
        + "see 'center server params set --help'", errorOf("server", "params", "set", longValue));
    assertEquals("error: invalid value for --client-load: '" + cut + "' (port must be a whole number from 1 to 65535); "
        + "see 'center node --help'", errorOf("node", "--roles", "client", "--client-load", longValue));

    String longKey = "k".repeat(5000) + "=1";
    String line = errorOf("client", "start", longKey);
    assertTrue(line.length() < 400, line);
    assertTrue(line.contains("unknown key '" + "k".repeat(CliErrors.SHOWN_CHARACTERS) + "…': expected KEY=VALUE with KEY one of host, port"), line);

    String escape = errorOf("client", "start", "ho\u001b[2Jst=1");
    assertTrue(escape.contains("'ho\\x1b[2Jst=1' (unknown key 'ho\\x1b[2Jst'"), escape);
    assertFalse(escape.chars().anyMatch(c -> c < 0x20), escape);
  }

  @Test
  @DisplayName("a host with a comma or a space, or none, is refused at the edge, naming the key; flags and words alike")
  void impossibleHostRefused() {
    // in the role's own words (ServerParams.with, LoadPlan.with), a word and its option alike
    String server = "(host must be a host name or IP address, e.g. 127.0.0.1: use 127.0.0.1, 0.0.0.0 or an address of this machine)";
    assertEquals("error: invalid value for KEY=VALUE: 'host=a,b' " + server + "; see 'center server params set --help'",
        errorOf("server", "params", "set", "host=a,b"));
    assertEquals("error: invalid value for --host: 'a,b' " + server + "; see 'center server params set --help'",
        errorOf("server", "params", "set", "--host", "a,b"));
    String client = "(host must be a host name or IP address, e.g. 127.0.0.1: name the server's address, e.g. 127.0.0.1)";
    assertEquals("error: invalid value for KEY=VALUE: 'host=a b' " + client + "; see 'center client start --help'",
        errorOf("client", "start", "host=a b"));
    assertEquals("error: invalid value for --host: 'a b' " + client + "; see 'center client start --help'",
        errorOf("client", "start", "--host", "a b"));
    assertEquals("error: invalid value for --server-host: 'a,b' (expected a host name or IP address, e.g. 127.0.0.1); "
        + "see 'center node --help'", errorOf("node", "--roles", "server", "--server-host", "a,b"));
  }

  @Test
  @DisplayName("an unknown key names itself and the keys there are, the same in the words and in --client-load")
  void unknownKey() {
    String keys = "expected KEY=VALUE with KEY one of host, port, connections, rate, count, duration, jsonShare, size, ackPort";
    assertEquals("error: invalid value for KEY=VALUE: 'bogus=1' (unknown key 'bogus': " + keys + "); see 'center client start --help'",
        errorOf("client", "start", "bogus=1"));
    assertEquals("error: invalid value for --client-load: 'rate=1,bogus=1' (unknown key 'bogus': " + keys + "); see 'center node --help'",
        errorOf("node", "--roles", "client", "--client-load", "rate=1,bogus=1"));
  }

  @Test
  @DisplayName("--client-load with an empty pair (trailing, leading or doubled comma, or only one) is refused, showing the list as given")
  void emptyPairRefused() {
    String why = "(an empty pair (a comma too many?): expected KEY=VALUE with KEY one of host, port, connections, rate, count, "
        + "duration, jsonShare, size, ackPort, comma-separated); see 'center node --help'";
    for (String list : List.of("rate=1,", ",", ",rate=1", "rate=1,,port=2")) {
      assertEquals("error: invalid value for --client-load: '" + list + "' " + why, errorOf("node", "--roles", "client", "--client-load", list));
    }
    assertEquals("error: invalid value for KEY=VALUE: 'rate=1,' (rate must be a whole number from 0 to 100000000); "
        + "see 'center client start --help'", errorOf("client", "start", "rate=1,"));
  }

  @Test
  @DisplayName("'client start rate=1,port=2' (the --client-load form) says that words are separated by spaces")
  void commaSeparatedWordsHinted() {
    assertEquals("error: invalid value for KEY=VALUE: 'rate=1,port=2' (rate must be a whole number from 0 to 100000000; "
        + "KEY=VALUE words are separated by spaces, not commas: e.g. rate=1 port=2); see 'center client start --help'",
        errorOf("client", "start", "rate=1,port=2"));
    assertEquals("error: invalid value for KEY=VALUE: 'host=a,port=2' (host must be a host name or IP address, e.g. 127.0.0.1: "
        + "use 127.0.0.1, 0.0.0.0 or an address of this machine; KEY=VALUE words are separated by spaces, not commas: e.g. rate=1 port=2); "
        + "see 'center server params set --help'", errorOf("server", "params", "set", "host=a,port=2"));
  }

  @Test
  @DisplayName("a host over 253 characters, or a label over 63, is refused for its length, not its spelling")
  void longHostRefusedForItsLength() {
    String why = "(host is too long: a host name has at most 253 characters, 63 between dots); see 'center client start --help'";
    String longHost = "a.".repeat(150) + "b";
    assertEquals("error: invalid value for KEY=VALUE: '" + CliErrors.shown("host=" + longHost) + "' " + why,
        errorOf("client", "start", "host=" + longHost));
    String longLabel = "x".repeat(64) + ".example";
    assertEquals("error: invalid value for KEY=VALUE: '" + CliErrors.shown("host=" + longLabel) + "' " + why,
        errorOf("client", "start", "host=" + longLabel));
    assertEquals(new JsonObject().put("host", "x".repeat(63) + ".example"), argsOf("client", "start", "host=" + "x".repeat(63) + ".example"));
  }

  @Test
  @DisplayName("a whole number with a plus sign or a leading zero is refused: 'port=+48500', 'port=05000'")
  void signAndLeadingZeroRefused() {
    for (String port : List.of("+48500", "05000", "00")) {
      assertEquals("error: invalid value for KEY=VALUE: 'port=" + port + "' (port must be a whole number from 1 to 65535); "
          + "see 'center server params set --help'", errorOf("server", "params", "set", "port=" + port));
    }
  }

  @Test
  @DisplayName("a shell reuses the command objects: words of one 'params set' do not leak into the next")
  void wordsDoNotLeakIntoTheNextCommand() {
    CommandLine center = Center.commandLine();
    List<JsonObject> seen = new ArrayList<>();
    center.setExecutionStrategy(parsed -> {
      List<CommandLine> commands = parsed.asCommandLineList();
      seen.add(((RoleCommand) commands.get(commands.size() - 1).getCommand()).args());
      return 0;
    });
    center.execute("server", "params", "set", "port=5001");
    center.execute("server", "params", "set", "--host", "0.0.0.0");
    assertEquals(List.of(new JsonObject().put("port", 5001), new JsonObject().put("host", "0.0.0.0")), seen);
  }

  /** The args a role command would send for {@code args}; it is parsed, never sent. */
  private static JsonObject argsOf(String... args) {
    CommandLine center = Center.commandLine();
    StringWriter err = new StringWriter();
    center.setErr(new PrintWriter(err, true));
    JsonObject[] sent = new JsonObject[1];
    center.setExecutionStrategy(parsed -> {
      List<CommandLine> commands = parsed.asCommandLineList();
      sent[0] = ((RoleCommand) commands.get(commands.size() - 1).getCommand()).args();
      return 0;
    });
    assertEquals(0, center.execute(args), err.toString());
    return sent[0];
  }

  /** The one error line of {@code center ARGS}: exit status 2 while its args or node configuration are built; nothing is sent or started. */
  static String errorOf(String... args) {
    CommandLine center = Center.commandLine();
    StringWriter err = new StringWriter();
    center.setErr(new PrintWriter(err, true));
    center.setOut(new PrintWriter(new StringWriter(), true));
    center.setExecutionStrategy(EveryOptionValueTest::checkOnly);
    assertEquals(2, center.execute(args), err.toString());
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    return lines.get(0);
  }
}
