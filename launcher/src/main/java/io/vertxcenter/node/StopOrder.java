package io.vertxcenter.node;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The order in which a node's roles stop: its ingest (the server role) first, every other role only
 * once the ingest has stopped and delivered what it read. Vert.x undeploys a verticle's children all
 * at once, so a monitor in the same node would otherwise stop consuming while the server still holds
 * lines for it. Wrap each role when deploying it: {@link #ingest} for the server role,
 * {@link #afterIngest} for the others; with no ingest in the node, call {@link #noIngest()}.
 */
final class StopOrder {
  private final Promise<Void> ingestStopped = Promise.promise();

  /** The ingest role: when it has stopped (or failed to start), the roles after it may stop. */
  Deployable ingest(Deployable role) {
    return new Deployable() {
      @Override
      public Future<?> deploy(Context context) throws Exception {
        return role.deploy(context).onFailure(error -> ingestStopped.tryComplete());
      }

      @Override
      public Future<?> undeploy(Context context) throws Exception {
        return role.undeploy(context).onComplete(done -> ingestStopped.tryComplete());
      }
    };
  }

  /** A role that stops only once the ingest has stopped; its own stop then runs on its own context. */
  Deployable afterIngest(Deployable role) {
    return new Deployable() {
      @Override
      public Future<?> deploy(Context context) throws Exception {
        return role.deploy(context);
      }

      @Override
      public Future<?> undeploy(Context context) {
        Promise<Void> stopped = Promise.promise();
        ingestStopped.future().onComplete(ingestDone -> context.runOnContext(v -> {
          try {
            role.undeploy(context).<Void>mapEmpty().onComplete(stopped);
          } catch (Exception e) {
            stopped.fail(e);
          }
        }));
        return stopped.future();
      }
    };
  }

  /** The node has no ingest: the other roles stop at once. */
  void noIngest() {
    ingestStopped.tryComplete();
  }
}
