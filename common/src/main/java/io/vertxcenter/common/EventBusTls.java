package io.vertxcenter.common;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mutual TLS on the clustered event bus from key material every node of a cluster shares: one
 * self-signed certificate and its key, in PEM, in one directory. Each node presents the
 * certificate and trusts only it, on both ends of every event-bus connection, so a JVM without
 * the key material cannot open a connection to a node's event bus and no node opens one to it.
 * Hazelcast's own membership traffic is not covered (see the README's security section).
 */
public final class EventBusTls {
  public static final String CERT_FILE = "node-cert.pem";
  public static final String KEY_FILE = "node-key.pem";
  /** Directory of the key material (env); set, it turns TLS on. */
  public static final String DIR_ENV = "CENTER_TLS_DIR";
  /** {@code 1}/{@code true}: TLS on, with the key material in {@code $CENTER_HOME/tls} unless {@value #DIR_ENV} says where. */
  public static final String ENV = "CENTER_TLS";
  /** The directory under {@code $CENTER_HOME} that {@code center up --tls} uses. */
  public static final String HOME_DIR = "tls";

  private EventBusTls() {}

  /** Whether {@code dir} holds key material. */
  public static boolean present(Path dir) {
    return Files.isRegularFile(dir.resolve(CERT_FILE)) && Files.isRegularFile(dir.resolve(KEY_FILE));
  }

  /**
   * Writes a new self-signed certificate and key to {@code dir} (0700; the key 0600).
   *
   * @throws IllegalStateException when {@code dir} already holds key material: the nodes using it
   *     would no longer talk to nodes given the new one; delete it first to start over
   */
  public static void create(Path dir) throws IOException {
    if (present(dir)) {
      throw new IllegalStateException(dir + " already holds key material (" + CERT_FILE + ", " + KEY_FILE
          + "); nodes using it would not accept new material: delete both files first to start over");
    }
    SelfSignedCertificate certificate = SelfSignedCertificate.create("vertxcenter-node");
    try {
      PrivateFiles.directory(dir);
      PrivateFiles.write(dir.resolve(KEY_FILE), Files.readAllBytes(Path.of(certificate.privateKeyPath())));
      PrivateFiles.write(dir.resolve(CERT_FILE), Files.readAllBytes(Path.of(certificate.certificatePath())));
    } finally {
      certificate.delete();
    }
  }

  /**
   * {@code options} with mutual TLS from the key material in {@code dir}: SSL on, client
   * authentication required, the shared certificate as key and as the only trusted one.
   *
   * @throws IllegalArgumentException when {@code dir} holds no key material
   */
  public static EventBusOptions apply(EventBusOptions options, Path dir) {
    if (!present(dir)) {
      throw new IllegalArgumentException("no event-bus key material in " + dir + " (" + CERT_FILE + ", " + KEY_FILE
          + "): make it once with 'center certs " + dir + "' and give every node the same copy");
    }
    String cert = dir.resolve(CERT_FILE).toString();
    return options.setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions().setKeyPath(dir.resolve(KEY_FILE).toString()).setCertPath(cert))
        .setTrustOptions(new PemTrustOptions().addCertPath(cert));
  }
}
