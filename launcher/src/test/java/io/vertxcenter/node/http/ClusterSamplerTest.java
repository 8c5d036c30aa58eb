package io.vertxcenter.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's sampler on the local event bus, with the cluster's and a role's status answered by the test. */
@ExtendWith(VertxExtension.class)
class ClusterSamplerTest {

  @Test
  @DisplayName("a node listing a role this node does not know (a newer version's) keeps its sample: the known roles' status stands")
  void unknownRoleOfANewerNode(Vertx vertx, VertxTestContext test) {
    JsonObject node = new JsonObject().put("id", "server-n1").put("roles", new JsonArray().add("server").add("gateway"));
    vertx.eventBus().<JsonObject>consumer(Addresses.CLUSTER, message ->
        message.reply(new JsonObject().put("cluster", "it").put("nodes", new JsonArray().add(node))));
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeRole("server-n1", Role.SERVER), (Message<JsonObject> message) ->
        message.reply(new JsonObject().put("received", 7L).put("acked", 7L)));
    ClusterSampler sampler = new ClusterSampler("console-node");
    vertx.eventBus().<JsonObject>consumer(ClusterSampler.snapshots("console-node"), snapshot -> test.verify(() -> {
      JsonObject status = snapshot.body().getJsonArray("nodes").getJsonObject(0).getJsonObject("status");
      assertEquals(7L, status.getJsonObject("server").getLong("received"));
      assertTrue(status.getJsonObject("gateway").getString("error").contains("does not know"), status.encode());
      test.completeNow();
    }));
    vertx.deployVerticle(sampler).onComplete(test.succeeding(id -> sampler.watched()));
  }
  @Test
  @DisplayName("a page watching: a snapshot at once, then one a second (the timer runs only while watched)")
  void samplesEachSecondWhileWatched(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.CLUSTER, message ->
        message.reply(new JsonObject().put("cluster", "it").put("nodes", new JsonArray())));
    ClusterSampler sampler = new ClusterSampler("console-node");
    long[] first = {0};
    vertx.eventBus().<JsonObject>consumer(ClusterSampler.snapshots("console-node"), snapshot -> {
      if (first[0] == 0) {
        first[0] = System.nanoTime();
      } else {
        long ms = (System.nanoTime() - first[0]) / 1_000_000;
        test.verify(() -> assertTrue(ms >= 500, "the next snapshot " + ms + " ms after the first"));
        test.completeNow();
      }
    });
    vertx.deployVerticle(sampler).onComplete(test.succeeding(id -> sampler.watched()));
  }
}
