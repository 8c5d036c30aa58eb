package io.vertxcenter.monitor;

import io.vertxcenter.common.DataBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last line of one kind: while its batch is read, a place in the batch's bytes; then its own
 * copy of them, decoded only when the summary asks for it.
 */
final class LastLine {
  private byte[] bytes;
  private int offset;
  private int length;
  private boolean ownCopy = true;
  private String text = "";

  /** Remembers the line {@code batch} is at, for as long as the batch's bytes are not reused. */
  void set(DataBatch.Reader batch) {
    bytes = batch.bytes();
    offset = batch.textOffset();
    length = batch.textLength();
    ownCopy = false;
    text = null;
  }

  /** Copies the line out of its batch's bytes, which are about to be reused. */
  void keepOwnCopy() {
    if (!ownCopy) {
      bytes = Arrays.copyOfRange(bytes, offset, offset + length);
      offset = 0;
      ownCopy = true;
    }
  }

  String text() {
    if (text == null) {
      text = new String(bytes, offset, length, StandardCharsets.UTF_8);
      bytes = null;
    }
    return text;
  }
}
