package io.vertxcenter.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret every frame to a node's CLI bridge must carry ({@code headers.token}). It comes, in
 * this order, from an explicit file ({@code --token-file}, env {@value #FILE_ENV}), from env
 * {@value #ENV}, or from {@code $CENTER_HOME/token}, which {@code center up} (or a node that
 * serves a bridge and was given none) creates: 256 random bits from {@link SecureRandom}, hex,
 * mode 0600. Its text is never logged.
 */
public final class ClusterToken {
  /** The token itself. */
  public static final String ENV = "CENTER_TOKEN";
  /** A file holding the token (a Docker secret, say). */
  public static final String FILE_ENV = "CENTER_TOKEN_FILE";
  /** Its name under {@code $CENTER_HOME}. */
  public static final String FILE_NAME = "token";
  /** Shorter tokens are refused: a guessable token is no token. */
  public static final int MIN_LENGTH = 16;
  private static final int RANDOM_BYTES = 32;

  private final byte[] value;

  private ClusterToken(String value) {
    String trimmed = value.trim();
    if (trimmed.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the cluster token is too short (" + trimmed.length() + " characters, at least "
          + MIN_LENGTH + "): use the one 'center up' writes to $CENTER_HOME/" + FILE_NAME + ", or 32+ random characters");
    }
    this.value = trimmed.getBytes(StandardCharsets.UTF_8);
  }

  /** A token given as text (a test, a flag). */
  public static ClusterToken of(String value) {
    return new ClusterToken(value);
  }

  /**
   * The configured token: {@code file} if not null, else env {@value #ENV} when not blank, else
   * {@code home/token} if it exists; empty when there is none.
   *
   * @throws IllegalArgumentException when {@code file} cannot be read or a token is too short
   */
  public static Optional<ClusterToken> configured(Path file, Path home) {
    if (file != null) {
      return Optional.of(read(file).orElseThrow(() -> new IllegalArgumentException(
          "no token file " + file + ": give the file that holds the cluster token")));
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(new ClusterToken(env));
    }
    return read(home.resolve(FILE_NAME));
  }

  /**
   * The configured token, or a new random one written to {@code home/token} (0600, in a 0700
   * directory) when none is configured. A file another process created first wins.
   */
  public static ClusterToken configuredOrCreated(Path file, Path home) {
    return configured(file, home).orElseGet(() -> {
      Path target = home.resolve(FILE_NAME);
      byte[] random = new byte[RANDOM_BYTES];
      new SecureRandom().nextBytes(random);
      try {
        PrivateFiles.directory(home);
        PrivateFiles.writeIfAbsent(target, (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the cluster token to " + target, e);
      }
      return read(target).orElseThrow();
    });
  }

  private static Optional<ClusterToken> read(Path file) {
    try {
      return Optional.of(new ClusterToken(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the cluster token from " + file + " (" + e.getMessage() + ")");
    }
  }

  /** Whether {@code presented} is this token, compared in constant time; false for null. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The token's text, for a client to send. */
  public String value() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ClusterToken[hidden]";
  }
}
