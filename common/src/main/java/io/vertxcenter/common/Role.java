package io.vertxcenter.common;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles a node can be given; each maps to the verticles the launcher deploys. */
public enum Role {
  SERVER("server"),
  CLIENT("client"),
  MONITOR("monitor"),
  WORKER("workers");

  private final String address;

  Role(String address) {
    this.address = address;
  }

  /** The word used on the command line and in the registry. */
  public String label() {
    return name().toLowerCase();
  }

  /** The last part of the role's command address ({@code center.server}, {@code center.workers}). */
  public String id() {
    return address;
  }

  public static Role parse(String text) {
    String word = text.trim().toLowerCase();
    for (Role role : values()) {
      if (role.label().equals(word) || role.address.equals(word)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + text + "': expected one of " + labels());
  }

  /** Parses a comma-separated role list such as {@code server,monitor}. */
  public static Set<Role> parseList(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        roles.add(parse(part));
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("no role given: expected one or more of " + labels());
    }
    return roles;
  }

  public static String labels() {
    return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
  }
}
