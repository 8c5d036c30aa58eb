package io.vertxcenter.monitor;

import io.vertxcenter.common.DataBatch;
import java.nio.charset.StandardCharsets;

/** The last line of one kind, kept as bytes of its batch and decoded only when the summary asks for it. */
final class LastLine {
  private byte[] bytes;
  private int offset;
  private int length;
  private String text = "";

  /** Remembers the line {@code batch} is at. */
  void set(DataBatch.Reader batch) {
    bytes = batch.bytes();
    offset = batch.textOffset();
    length = batch.textLength();
    text = null;
  }

  String text() {
    if (text == null) {
      text = new String(bytes, offset, length, StandardCharsets.UTF_8);
      bytes = null;
    }
    return text;
  }
}
