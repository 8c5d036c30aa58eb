package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterIdentityTest {
  private static final ClusterToken TOKEN = ClusterToken.of("0123456789abcdef0123456789abcdef");

  @TempDir
  Path dir;

  @Test
  @DisplayName("one name, another token or other TLS material or none: a Hazelcast cluster name of its own; the same secrets: the same name")
  void secretsMakeTheName() throws Exception {
    Path tls = dir.resolve("a");
    Path otherTls = dir.resolve("b");
    EventBusTls.create(tls);
    EventBusTls.create(otherTls);
    Set<String> names = Set.of(
        ClusterIdentity.NAME_ONLY.hazelcastName("blue"),
        ClusterIdentity.of(TOKEN, null).hazelcastName("blue"),
        ClusterIdentity.of(ClusterToken.of("fedcba9876543210fedcba9876543210"), null).hazelcastName("blue"),
        ClusterIdentity.of(TOKEN, tls).hazelcastName("blue"),
        ClusterIdentity.of(TOKEN, otherTls).hazelcastName("blue"),
        ClusterIdentity.of(null, tls).hazelcastName("blue"));
    assertEquals(6, names.size(), "every combination its own cluster: " + names);
    assertEquals("blue", ClusterIdentity.of(null, null).hazelcastName("blue"), "no token, no TLS: the name alone, as before");
    assertEquals(ClusterIdentity.of(TOKEN, tls).hazelcastName("blue"), ClusterIdentity.of(ClusterToken.of(TOKEN.value()), tls).hazelcastName("blue"));
    String name = ClusterIdentity.of(TOKEN, tls).hazelcastName("blue");
    assertTrue(name.matches("blue-[0-9a-f]{16}"), name);
    assertFalse(name.contains(TOKEN.value().substring(0, 8)), "the token is not in the name");
    assertNotEquals(ClusterIdentity.of(TOKEN, null).hazelcastName("blue"), ClusterIdentity.of(TOKEN, null).hazelcastName("green"));
    assertTrue(ClusterIdentity.of(TOKEN, tls).describe().startsWith("token and TLS certificate digest "));
  }

  @Test
  @DisplayName("a certificate that cannot be parsed is an error naming the file")
  void badCertificate() throws Exception {
    Files.writeString(dir.resolve(EventBusTls.CERT_FILE), "not a certificate");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ClusterIdentity.of(TOKEN, dir));
    assertTrue(error.getMessage().contains(dir.resolve(EventBusTls.CERT_FILE).toString()), error.getMessage());
  }
}
