package io.vertxcenter.common;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles a node can be given; each maps to the verticles the launcher deploys. A role has one
 * name, its {@link #label()}: on the command line, in the registry and in its command address.
 */
public enum Role {
  SERVER,
  CLIENT,
  MONITOR,
  WORKER;

  /** The role's one name ({@code server}, {@code worker}): in {@code --roles}, the registry and its command address. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The plural, where it reads better: the CLI's command group ({@code center workers scale 4}); also accepted by {@link #parse}. */
  public String plural() {
    return label() + "s";
  }

  /**
   * @param text a label or its plural, any case, surrounding blanks ignored
   * @throws IllegalArgumentException for anything else, naming the labels
   */
  public static Role parse(String text) {
    return find(text).orElseThrow(() -> new IllegalArgumentException("unknown role '" + text + "': expected one of " + labels()));
  }

  /** The role {@code text} names (a label or its plural, any case), or empty: a role of a newer node, say. */
  public static Optional<Role> find(String text) {
    String word = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(role -> role.label().equals(word) || role.plural().equals(word)).findFirst();
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
