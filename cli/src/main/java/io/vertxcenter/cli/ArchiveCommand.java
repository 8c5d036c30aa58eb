package io.vertxcenter.cli;

import io.vertxcenter.connect.CliException;
import io.vertxcenter.local.NodeClassArchive;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code center archive} (hidden): makes the nodes' class archive for this jar and this JVM now,
 * as {@code center up} does before its first start; the compose image runs it when it is built.
 * Prints the argument file that node JVMs are given to use it ({@code java @FILE}). Exit 1 when
 * it cannot be made or the class path is not the fat jar.
 */
@Command(name = "archive", hidden = true, mixinStandardHelpOptions = true,
    description = "Make the node JVMs' class archive (AppCDS; an AOT cache on JDK 25+) for this jar and JVM.")
public class ArchiveCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    NodeClassArchive archive = NodeClassArchive.forClassPath(System.getProperty("java.class.path"));
    if (archive == null) {
      throw new CliException(CliException.FAILED, "no class archive for a class path that is not one jar: run it as java -jar center.jar archive");
    }
    System.out.println(archive.makeWithArgumentFile(System.out));
    return 0;
  }
}
