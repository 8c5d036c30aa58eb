package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTokenTest {
  @TempDir
  Path home;

  @Test
  @DisplayName("with none configured, a 256-bit token is made in home/token, 0600 in a 0700 directory, and then reused")
  void madeOnceThenReused() throws Exception {
    Path dir = home.resolve("center");
    ClusterToken made = ClusterToken.configuredOrCreated(null, dir);
    assertTrue(made.value().matches("[0-9a-f]{64}"), "64 hex digits");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertTrue(ClusterToken.configuredOrCreated(null, dir).matches(made.value()), "the second call reads the same token");
    assertTrue(ClusterToken.configured(null, dir).orElseThrow().matches(made.value()));
  }

  @Test
  @DisplayName("an explicit file wins; a missing file or a short token is refused, saying why")
  void explicitFile() throws Exception {
    Path file = home.resolve("secret");
    Files.writeString(file, "explicit-token-0123456789\n");
    assertTrue(ClusterToken.configured(file, home).orElseThrow().matches("explicit-token-0123456789"));
    assertThrows(IllegalArgumentException.class, () -> ClusterToken.configured(home.resolve("missing"), home));
    Files.writeString(file, "short");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ClusterToken.configured(file, home));
    assertTrue(error.getMessage().contains("too short"), error.getMessage());
  }

  @Test
  @DisplayName("only the very token matches: not a prefix, not a longer one, not null; its text never shows in toString")
  void matching() {
    ClusterToken token = ClusterToken.of("0123456789abcdef0123");
    assertTrue(token.matches("0123456789abcdef0123"));
    assertFalse(token.matches("0123456789abcdef012"));
    assertFalse(token.matches("0123456789abcdef01234"));
    assertFalse(token.matches(null));
    assertFalse(token.toString().contains("0123"));
  }
}
