package io.vertxcenter.monitor;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.CommandRouter;
import io.vertxcenter.common.Role;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor role of a node: consumes the data the servers forward ({@link BatchConsumer}) and
 * answers {@code monitor status}; its console is standard output ({@link DisplayOutput}), and it is
 * {@code degraded} while it cannot write it ({@link OutputHealth}). Both run on this verticle's event loop, so the counts need no locks.
 * When it stops it logs {@code final counts: messages=N duplicates=N resent=N late=N}.
 */
public class MonitorRoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorRoleVerticle.class);
  private final String nodeId;
  private final PrintMode print;
  private final OutputStream output;
  private BatchConsumer consumer;

  /**
   * A monitor that shows received messages on the JVM's standard output (file descriptor 1, written
   * and checked by the monitor itself, not through {@code System.out}, whose failures are silent).
   *
   * @param nodeId the node this role runs on (its command address)
   * @param print how received messages are shown
   */
  public MonitorRoleVerticle(String nodeId, PrintMode print) {
    this(nodeId, print, new FileOutputStream(FileDescriptor.out));
  }

  /**
   * @param nodeId the node this role runs on (its command address)
   * @param print  how received messages are shown
   * @param output where they are shown (a test's capture of the console)
   */
  public MonitorRoleVerticle(String nodeId, PrintMode print, OutputStream output) {
    this.nodeId = nodeId;
    this.print = print;
    this.output = output;
  }

  @Override
  public Future<?> start() {
    consumer = new BatchConsumer(vertx, nodeId, new MessagePrinter(print, new DisplayOutput(output)), "standard output");
    Future<Void> commands = new CommandRouter("monitor")
        .on("status", args -> Future.succeededFuture(consumer.status()))
        .register(vertx, Addresses.role(Role.MONITOR), Addresses.nodeRole(nodeId, Role.MONITOR));
    return Future.all(commands, consumer.start());
  }

  @Override
  public Future<?> stop() {
    return consumer.stop().onComplete(stopped -> {
      JsonObject counts = consumer.status();
      LOG.info("final counts: messages={} duplicates={} resent={} late={}", counts.getLong("messages"),
          counts.getLong("duplicates"), counts.getLong("resent"), counts.getLong("late"));
    });
  }
}
