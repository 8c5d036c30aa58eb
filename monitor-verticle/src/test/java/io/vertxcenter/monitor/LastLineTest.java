package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertxcenter.common.DataBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LastLineTest {

  @Test
  @DisplayName("the last line survives the reuse of its batch's bytes for the next batch")
  void survivesReuse() {
    byte[] text = "the last one é".getBytes(StandardCharsets.UTF_8);
    DataBatch.Writer writer = new DataBatch.Writer(64);
    writer.add("c", 1, 1, text, 0, text.length);
    Buffer body = writer.finish();
    byte[] reused = body.getBytes();
    DataBatch.Reader reader = new DataBatch.Reader(reused, reused.length);
    assertTrue(reader.next());

    LastLine last = new LastLine();
    last.set(reader);
    last.keepOwnCopy();
    Arrays.fill(reused, (byte) 'x');
    assertEquals("the last one é", last.text());
  }
}
