package io.vertxcenter.cli;

import io.vertxcenter.common.EventBusTls;
import io.vertxcenter.connect.CliException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code center certs DIR}: the key material for mutual TLS on the event bus, which every node shares. */
@Command(name = "certs", mixinStandardHelpOptions = true,
    description = {"Write the event bus's TLS key material to DIR: a self-signed certificate and its key (PEM, the key 0600).",
        "Give every node the same copy with --tls-dir DIR (env " + EventBusTls.DIR_ENV + "); a JVM without it gets no "
            + "message from the nodes and cannot send them one."})
public class CertsCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", converter = FilePaths.DirectoryToWrite.class, description = "Directory to write " + EventBusTls.CERT_FILE + " and " + EventBusTls.KEY_FILE
      + " to (made 0700 if missing).")
  Path dir;

  @Override
  public Integer call() {
    try {
      EventBusTls.create(dir);
    } catch (IllegalStateException e) {
      throw new CliException(CliException.FAILED, e.getMessage());
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot write key material to " + dir + ": " + e.getMessage());
    }
    System.out.println("wrote " + dir.resolve(EventBusTls.CERT_FILE) + " and " + dir.resolve(EventBusTls.KEY_FILE)
        + ": start every node with --tls-dir " + dir + " (or " + EventBusTls.DIR_ENV + "=" + dir + ")");
    return 0;
  }
}
