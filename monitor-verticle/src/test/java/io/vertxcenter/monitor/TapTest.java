package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class TapTest {

  @Test
  @DisplayName("the tap copies at most PER_SECOND lines a second, as {text, kind, connection, seq}, and goes on the next second")
  void boundedPerSecond(Vertx vertx, VertxTestContext test) {
    List<JsonObject> tapped = new ArrayList<>();
    int expected = Tap.PER_SECOND + 1;
    vertx.eventBus().<JsonObject>consumer(Addresses.TAP, message -> {
      tapped.add(message.body());
      if (tapped.size() == expected) {
        test.verify(() -> {
          assertEquals(new JsonObject().put("text", "line 1").put("kind", "string").put("connection", "c1").put("seq", 1L),
              tapped.get(0));
          assertEquals(Tap.PER_SECOND + 1_000L, tapped.get(expected - 1).getLong("seq"), "the first line of the next second");
          test.completeNow();
        });
      }
    }).completion().onComplete(test.succeeding(registered -> {
      Tap tap = new Tap(vertx.eventBus());
      DataBatch.Reader batch = batch(Tap.PER_SECOND + 1_000);
      while (batch.next()) {
        tap.offer(batch, ConsoleMessage.Kind.STRING, false);
      }
      tap.second();
      batch = batch(Tap.PER_SECOND + 1_000);
      for (int n = 0; n < Tap.PER_SECOND + 1_000; n++) {
        batch.next();
      }
      tap.offer(batch, ConsoleMessage.Kind.STRING, false);
    }));
  }

  private static DataBatch.Reader batch(int lines) {
    DataBatch.Writer writer = new DataBatch.Writer(lines * 32);
    for (int seq = 1; seq <= lines; seq++) {
      byte[] text = ("line " + seq).getBytes(StandardCharsets.UTF_8);
      writer.add("c1", seq, 0, text, 0, text.length);
    }
    return new DataBatch.Reader(writer.finish());
  }
}
