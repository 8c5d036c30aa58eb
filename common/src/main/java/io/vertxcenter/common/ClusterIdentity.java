package io.vertxcenter.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;

/**
 * What a node must share with a cluster, besides its name, to join it: the cluster token and, with
 * event-bus TLS, the certificate ({@link EventBusTls}). Hazelcast open source has no member
 * authentication, so the secrets are folded into the Hazelcast cluster name, which Hazelcast
 * compares on every join and merge: {@code NAME-DIGEST}, DIGEST the first 16 hex digits of
 * SHA-256 over a fixed prefix, the token and the certificate's DER encoding. Nodes of one name
 * with another token, or with other TLS material, or without TLS where the others have it, never
 * form one cluster (not even by a split-brain merge). A node with neither token nor TLS keeps the
 * name alone, as before. The human name stays what status output shows; the digest reveals
 * neither the token nor the key.
 */
public final class ClusterIdentity {
  /** Neither token nor TLS: the Hazelcast cluster name is the configured name alone. */
  public static final ClusterIdentity NAME_ONLY = new ClusterIdentity("", "name only (no token, no TLS)");
  private static final String PREFIX = "vertxcenter cluster identity\n";
  private static final int DIGEST_HEX_DIGITS = 16;

  private final String digest;
  private final String description;

  private ClusterIdentity(String digest, String description) {
    this.digest = digest;
    this.description = description;
  }

  /**
   * The identity of a node with this token and this TLS key material.
   *
   * @param token  the cluster token, or null when the node has none
   * @param tlsDir the event bus's key material ({@link EventBusTls#CERT_FILE} is read), or null when TLS is off
   * @throws IllegalArgumentException when the certificate cannot be read or parsed, naming the file
   */
  public static ClusterIdentity of(ClusterToken token, Path tlsDir) {
    if (token == null && tlsDir == null) {
      return NAME_ONLY;
    }
    MessageDigest sha256 = sha256();
    sha256.update(PREFIX.getBytes(StandardCharsets.UTF_8));
    sha256.update(("token\n" + (token == null ? "" : token.value()) + "\n").getBytes(StandardCharsets.UTF_8));
    if (tlsDir != null) {
      sha256.update("tls\n".getBytes(StandardCharsets.UTF_8));
      sha256.update(certificate(tlsDir.resolve(EventBusTls.CERT_FILE)));
    }
    String digest = HexFormat.of().formatHex(sha256.digest()).substring(0, DIGEST_HEX_DIGITS);
    String secrets = token == null ? "TLS certificate" : tlsDir == null ? "token" : "token and TLS certificate";
    return new ClusterIdentity(digest, secrets + " digest " + digest);
  }

  /** The Hazelcast cluster name of a cluster named {@code name}: {@code name} or {@code name-DIGEST}. */
  public String hazelcastName(String name) {
    return digest.isEmpty() ? name : name + "-" + digest;
  }

  /** For the node's start-up line: {@code name only (no token, no TLS)} or e.g. {@code token and TLS certificate digest 3f2a…}. */
  public String describe() {
    return description;
  }

  private static byte[] certificate(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("cannot read the event bus's certificate " + file + " (" + e.getMessage()
          + "): make the key material with 'center certs DIR' and give every node the same copy");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
