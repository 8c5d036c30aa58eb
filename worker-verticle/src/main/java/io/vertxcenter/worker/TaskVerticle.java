package io.vertxcenter.worker;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertxcenter.common.Addresses;

/** One worker instance: takes chunks of the CPU-bound task from {@link Addresses#WORK}. */
public class TaskVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return vertx.eventBus().consumer(Addresses.WORK, message -> message.reply(null)).completion();
  }
}
