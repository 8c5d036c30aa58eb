package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  @DisplayName("a role list parses in any case and order, with spaces and repeats")
  void parsesRoleLists() {
    assertEquals(EnumSet.of(Role.SERVER, Role.MONITOR), Role.parseList("Server, monitor,server"));
    assertEquals(EnumSet.of(Role.WORKER), Role.parseList("worker"));
    assertEquals(EnumSet.of(Role.WORKER), Role.parseList("workers"));
  }

  @Test
  @DisplayName("an unknown or empty role list is refused with the valid roles named")
  void refusesUnknownRoles() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Role.parseList("server,db"));
    assertEquals("unknown role 'db': expected one of server, client, monitor, worker", unknown.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Role.parseList(" , "));
    assertTrue(empty.getMessage().startsWith("no role given"), empty.getMessage());
  }

  @Test
  @DisplayName("role and node addresses are the ones the CLI bridge lets through")
  void addressesPassTheBridge() {
    for (Role role : Role.values()) {
      assertTrue(Addresses.role(role).matches(Addresses.BRIDGE_INBOUND_REGEX), Addresses.role(role));
      assertTrue(Addresses.nodeRole("worker-3fa2b1", role).matches(Addresses.BRIDGE_INBOUND_REGEX));
    }
    assertTrue(Addresses.CLUSTER.matches(Addresses.BRIDGE_INBOUND_REGEX));
    assertTrue(Addresses.node("server-1a2b3c").matches(Addresses.BRIDGE_INBOUND_REGEX));
    for (String internal : new String[] {Addresses.DATA, Addresses.WORK, Addresses.TAP}) {
      assertTrue(!internal.matches(Addresses.BRIDGE_INBOUND_REGEX), internal + " must not be writable from the CLI");
    }
  }
}
