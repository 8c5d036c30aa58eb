package io.vertxcenter.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of received lines, the body the server sends to {@link Addresses#DATA}. On the bus it is
 * compact JSON, {@code {"lines":[[connection, seq, receivedAtMicros, text], …]}}, written and read
 * with Jackson's streaming API (one batch carries hundreds of lines, so no tree per line).
 *
 * @param lines the lines, in the order the server received them
 */
public record DataBatch(List<Line> lines) {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One received line.
   *
   * @param connection        the server's id of the TCP connection it came on
   * @param seq               its number on that connection, from 1
   * @param receivedAtMicros  when the server framed it, epoch microseconds
   * @param text              the line, without its line ending
   */
  public record Line(String connection, long seq, long receivedAtMicros, String text) {}

  /** Epoch microseconds, the clock both ends of the data path use for latency. */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  public Buffer toBuffer() {
    Buffer body = Buffer.buffer(64 + lines.size() * 160);
    try (JsonGenerator json = JSON.createGenerator(new OutputStream() {
      @Override
      public void write(int b) {
        body.appendByte((byte) b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        body.appendBytes(bytes, offset, length);
      }
    })) {
      json.writeStartObject();
      json.writeArrayFieldStart("lines");
      for (Line line : lines) {
        json.writeStartArray();
        json.writeString(line.connection());
        json.writeNumber(line.seq());
        json.writeNumber(line.receivedAtMicros());
        json.writeString(line.text());
        json.writeEndArray();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body;
  }

  /** Reads a batch; a body that is not one fails with {@link IllegalArgumentException}. */
  public static DataBatch fromBuffer(Buffer buffer) {
    List<Line> lines = new ArrayList<>();
    try (JsonParser json = JSON.createParser(buffer.getBytes())) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      expect(json.nextToken(), JsonToken.FIELD_NAME);
      expect(json.nextToken(), JsonToken.START_ARRAY);
      while (json.nextToken() == JsonToken.START_ARRAY) {
        json.nextToken();
        String connection = json.getText();
        json.nextToken();
        long seq = json.getLongValue();
        json.nextToken();
        long receivedAt = json.getLongValue();
        json.nextToken();
        String text = json.getText();
        expect(json.nextToken(), JsonToken.END_ARRAY);
        lines.add(new Line(connection, seq, receivedAt, text));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a data batch: " + e.getMessage(), e);
    }
    return new DataBatch(lines);
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalArgumentException("not a data batch: expected " + expected + ", found " + actual);
    }
  }
}
