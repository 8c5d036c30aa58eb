package io.vertxcenter.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * What a role runs on command, such as the server's listeners or the client's load: one deployment
 * at a time, started and stopped by commands, a start or stop refused (409) while it runs, does not
 * run, or is already changing. Used on its role verticle's event loop only.
 */
public final class RoleRun {
  private final Vertx vertx;
  private String deploymentId;
  private boolean changing;

  public RoleRun(Vertx vertx) {
    this.vertx = vertx;
  }

  public boolean running() {
    return deploymentId != null;
  }

  /** Whether it runs or is starting or stopping: nothing about it may change then. */
  public boolean busy() {
    return deploymentId != null || changing;
  }

  /** Whether it runs and is not stopping. */
  public boolean steady() {
    return deploymentId != null && !changing;
  }

  /**
   * Deploys with {@code deploy} (its deployment id; a bad setting it finds may be thrown); refused
   * with {@code whenBusy} if {@link #busy()}.
   */
  public Future<Void> start(Supplier<Future<String>> deploy, String whenBusy) {
    if (busy()) {
      return Future.failedFuture(Failure.CONFLICT.error(whenBusy));
    }
    changing = true;
    Future<String> deployed;
    try {
      deployed = deploy.get();
    } catch (RuntimeException e) {
      deployed = Future.failedFuture(e);
    }
    return deployed
        .<Void>map(id -> {
          deploymentId = id;
          return null;
        })
        .onComplete(done -> changing = false);
  }

  /** Undeploys; refused with {@code whenNotRunning} unless it is {@link #steady()}. */
  public Future<Void> stop(String whenNotRunning) {
    if (!steady()) {
      return Future.failedFuture(Failure.CONFLICT.error(whenNotRunning));
    }
    changing = true;
    return vertx.undeploy(deploymentId)
        .onSuccess(v -> deploymentId = null)
        .onComplete(done -> changing = false);
  }
}
