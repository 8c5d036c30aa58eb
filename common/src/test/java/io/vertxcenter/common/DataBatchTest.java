package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DataBatchTest {

  @Test
  @DisplayName("a batch survives the bus encoding, any text included")
  void roundTrip() {
    DataBatch batch = new DataBatch(List.of(
        new DataBatch.Line("a1-1-1", 1, 1_700_000_000_000_000L, "plain"),
        new DataBatch.Line("a1-1-1", 2, 1_700_000_000_000_001L, "JSON|{\"q\":\"\\\"\"} é€😀 \uFFFD \t")));
    assertEquals(batch, DataBatch.fromBuffer(batch.toBuffer()));
  }

  @Test
  @DisplayName("a body that is not a batch is refused with a reason")
  void notABatch() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> DataBatch.fromBuffer(Buffer.buffer("[1,2]")));
    assertEquals("not a data batch: expected START_OBJECT, found START_ARRAY", error.getMessage());
  }
}
