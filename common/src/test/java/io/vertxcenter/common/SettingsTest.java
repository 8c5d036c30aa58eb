package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final JsonObject DEFAULTS = new JsonObject().put("host", "127.0.0.1").put("port", 5000).put("share", 0.5);
  private static final Map<String, Settings.Range> RANGES = Map.of(
      "port", new Settings.Range(1, 65535), "share", new Settings.Range(0, 1));

  @Test
  @DisplayName("changes apply over the defaults, as text or numbers; the rest keeps its default")
  void applies() {
    Settings settings = Settings.of(DEFAULTS, new JsonObject().put("port", " 5001 ").put("share", 1), "thing");
    assertEquals(5001, settings.wholeNumber("port", RANGES));
    assertEquals(1.0, settings.decimal("share", RANGES));
    assertEquals("127.0.0.1", settings.host("host", "give one"));
  }

  @Test
  @DisplayName("an unknown key, an empty host, a value out of range or not a number: a bad request that says what may be given")
  void refuses() {
    assertEquals("unknown thing 'prot': expected one of host, port, share",
        refused(() -> Settings.of(DEFAULTS, new JsonObject().put("prot", 1), "thing")));
    assertEquals("host must be a host name or IP address, e.g. 127.0.0.1: give one",
        refused(() -> Settings.of(DEFAULTS, new JsonObject().put("host", " "), "thing").host("host", "give one")));
    assertEquals("port must be a whole number from 1 to 65535",
        refused(() -> Settings.of(DEFAULTS, new JsonObject().put("port", 1.5), "thing").wholeNumber("port", RANGES)));
    assertEquals("share must be a number from 0 to 1",
        refused(() -> Settings.of(DEFAULTS, new JsonObject().put("share", "half"), "thing").decimal("share", RANGES)));
  }

  @Test
  @DisplayName("a host is checked for its spelling: names, IPv4 and IPv6 literals pass; a comma, a space, a control character or nothing is a bad request")
  void hostSpelling() {
    for (String host : List.of("server", "node-1.example.com", "10.0.0.3", "0.0.0.0", "::1", "fe80::1%eth0", "[::1]")) {
      assertEquals(host, Settings.host("host", host, "give one"));
    }
    for (String host : List.of("a,b", "a b", "", "a\u001bb")) {
      assertEquals("host must be a host name or IP address, e.g. 127.0.0.1: give one",
          refused(() -> Settings.host("host", host, "give one")), host);
    }
  }

  @Test
  @DisplayName("a host over 253 characters, or with a label over 63, is refused for its length, naming the limits")
  void hostLength() {
    String longest = ("x".repeat(63) + ".").repeat(3) + "x".repeat(61);
    assertEquals(longest, Settings.host("host", longest, "give one"));
    for (String host : List.of("x".repeat(254), longest + "x", "x".repeat(64), "a." + "x".repeat(64) + ".b")) {
      assertEquals("host is too long: a host name has at most 253 characters, 63 between dots",
          refused(() -> Settings.host("host", host, "give one")), host);
    }
  }

  private static String refused(Runnable change) {
    Failure.CommandException error = assertThrows(Failure.CommandException.class, change::run);
    assertEquals(Failure.BAD_REQUEST, error.failure());
    return error.getMessage();
  }

  @Test
  @DisplayName("a range checks a single JSON value as a command sends it: whole numbers, text, and what is neither")
  void rangeOnItsOwn() {
    Settings.Range instances = new Settings.Range(0, 256);
    assertEquals(12, instances.wholeNumber("instances", 12));
    assertEquals(12, instances.wholeNumber("instances", "12"));
    assertEquals("instances must be a whole number from 0 to 256", refused(() -> instances.wholeNumber("instances", 1.5)));
    assertEquals("instances must be a whole number from 0 to 256", refused(() -> instances.wholeNumber("instances", null)));
    assertEquals("instances must be a whole number from 0 to 256", refused(() -> instances.wholeNumber("instances", 257)));
    assertEquals(Long.MAX_VALUE, new Settings.Range(0, Long.MAX_VALUE).wholeNumber("count", Long.MAX_VALUE));
  }

  @Test
  @DisplayName("one parser for the CLI and the nodes: numbers as JSON writes them (no plus sign, no leading zero); other digits, blanks and numbers past a long are not; no upper end reads 'up'")
  void rangeParsesText() {
    Settings.Range ports = Settings.Range.PORT;
    assertEquals(5001, ports.wholeNumber("port", " 5001 "));
    for (String notAsJsonWrites : new String[] {"+5001", "05001", "-0"}) {
      assertEquals("port must be a whole number from 1 to 65535", refused(() -> ports.wholeNumber("port", notAsJsonWrites)), notAsJsonWrites);
    }
    assertEquals(0, new Settings.Range(0, 1).wholeNumber("flag", "0"));
    assertEquals("port must be a whole number from 1 to 65535", refused(() -> ports.wholeNumber("port", "\u0665\u0660")));
    assertEquals("port must be a whole number from 1 to 65535", refused(() -> ports.wholeNumber("port", "")));
    Settings.Range counts = new Settings.Range(1, Long.MAX_VALUE);
    assertEquals("count must be a whole number from 1 up", refused(() -> counts.wholeNumber("count", "99999999999999999999")));
    assertEquals("a whole number from 1 up", counts.wholeNumbers());
    Settings.Range shares = new Settings.Range(0, 1);
    assertEquals("share must be a number from 0 to 1", refused(() -> shares.decimal("share", "NaN")));
    for (String javaOnly : new String[] {"1d", "0.5f", "0x1p-1", "Infinity", ""}) {
      assertEquals("share must be a number from 0 to 1", refused(() -> shares.decimal("share", javaOnly)), javaOnly);
    }
    assertEquals(0.25, shares.decimal("share", " .25 "));
    assertEquals(0.5, shares.decimal("share", "5e-1"));
    assertEquals(1.0, shares.decimal("share", 1));
  }
}
