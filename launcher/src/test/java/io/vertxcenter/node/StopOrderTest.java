package io.vertxcenter.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StopOrderTest {

  @Test
  @DisplayName("undeploying a node stops its server role first; the other roles stop only once it has drained")
  void ingestStopsFirst(Vertx vertx, VertxTestContext test) {
    List<String> events = new CopyOnWriteArrayList<>();
    StopOrder order = new StopOrder();
    VerticleBase server = new VerticleBase() {
      @Override
      public Future<?> stop() {
        events.add("server stopping");
        // delivering what it read takes a while; the monitor must still be there meanwhile
        return vertx.timer(300, TimeUnit.MILLISECONDS).onSuccess(v -> events.add("server drained"));
      }
    };
    VerticleBase monitor = new VerticleBase() {
      @Override
      public Future<?> stop() {
        events.add("monitor stopping");
        return Future.succeededFuture();
      }
    };
    VerticleBase node = new VerticleBase() {
      @Override
      public Future<?> start() {
        return Future.all(vertx.deployVerticle(order.afterIngest(monitor)), vertx.deployVerticle(order.ingest(server)));
      }
    };
    vertx.deployVerticle(node).compose(vertx::undeploy).onComplete(test.succeeding(v -> test.verify(() -> {
      assertEquals(List.of("server stopping", "server drained", "monitor stopping"), events);
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("in a node without a server role the other roles stop at once")
  void noIngest(Vertx vertx, VertxTestContext test) {
    StopOrder order = new StopOrder();
    order.noIngest();
    vertx.deployVerticle(order.afterIngest(new VerticleBase() { }))
        .compose(vertx::undeploy)
        .onComplete(test.succeedingThenComplete());
  }
}
