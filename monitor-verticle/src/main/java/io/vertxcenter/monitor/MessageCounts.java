package io.vertxcenter.monitor;

import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.DataBatch;

/**
 * What the monitor has counted since it started (messages by kind, duplicates, lines of resent
 * batches it had not seen (shown marked), lines of batches that came too late (dropped unshown),
 * messages cut at the console's limits, lines it failed on), its rate over the last second, the last string and the
 * last JSON line, and the summary line it prints each second. Runs on the monitor's event loop.
 */
final class MessageCounts {
  private long messages;
  private long json;
  private long invalidJson;
  private long strings;
  private long duplicates;
  private long resent;
  private long late;
  private long cut;
  private long errors;
  /** When the last new message came, epoch ms; 0 before the first. */
  private long lastReceivedAt;
  private long thisSecond;
  private long ratePerSec;
  /** The counts by kind, cut and errors as a batch began: put back when its output cannot be written. */
  private final long[] atBatchStart = new long[5];
  private final LastLine lastString = new LastLine();
  private final LastLine lastJson = new LastLine();

  /** Counts the line {@code batch} is at as {@code kind}; {@code cut}: it was shown cut at the console's limits. */
  void line(DataBatch.Reader batch, ConsoleMessage.Kind kind, boolean cut) {
    switch (kind) {
      case STRING -> {
        strings++;
        lastString.set(batch);
      }
      case JSON -> {
        json++;
        lastJson.set(batch);
      }
      default -> invalidJson++;
    }
    if (cut) {
      this.cut++;
    }
  }

  /** Counts a line whose handling failed. */
  void failed() {
    errors++;
  }

  /**
   * A batch is read and its output written, its bytes about to be reused: {@code accepted} new
   * lines, {@code resent} of them from a batch sent again, {@code duplicates} dropped, at
   * {@code nowMillis}.
   */
  void batch(int accepted, int resent, int duplicates, long nowMillis) {
    this.resent += resent;
    lastString.keepOwnCopy();
    lastJson.keepOwnCopy();
    messages += accepted;
    this.duplicates += duplicates;
    thisSecond += accepted;
    if (accepted > 0) {
      lastReceivedAt = nowMillis;
    }
  }

  /** A batch begins: what {@link #discardBatch()} puts back. */
  void batchStarts() {
    atBatchStart[0] = json;
    atBatchStart[1] = invalidJson;
    atBatchStart[2] = strings;
    atBatchStart[3] = cut;
    atBatchStart[4] = errors;
  }

  /** The batch's output could not be written: its lines are not counted (it comes again). */
  void discardBatch() {
    json = atBatchStart[0];
    invalidJson = atBatchStart[1];
    strings = atBatchStart[2];
    cut = atBatchStart[3];
    errors = atBatchStart[4];
    batch(0, 0, 0, lastReceivedAt);
  }

  /** A batch of {@code lines} lines came after its deadline and was dropped unshown. */
  void late(int lines) {
    late += lines;
  }

  /** Called once a second: the rate becomes the last second's count. */
  void second() {
    ratePerSec = thisSecond;
    thisSecond = 0;
  }

  /** The line the console shows each second while messages are summarised (with {@code latency}'s percentiles). */
  String summary(LatencyRecorder latency) {
    return String.format("%,d msg/s; total %,d: %,d strings, %,d JSON, %,d invalid JSON, %,d duplicates,"
            + " %,d cut, %,d errors; latency p50 %s ms, p99 %s ms; last string: %s; last JSON: %s",
        ratePerSec, messages, strings, json, invalidJson, duplicates, cut, errors,
        latency.percentileMs(0.50), latency.percentileMs(0.99), abbreviate(lastString.text()), abbreviate(lastJson.text()));
  }

  /**
   * {@code messages, json, invalidJson, strings, duplicates, resent, late, cut, errors}, {@code lastReceivedAt}
   * (epoch ms, null before the first message) and {@code ratePerSec}.
   */
  JsonObject toJson() {
    return new JsonObject()
        .put("messages", messages)
        .put("json", json)
        .put("invalidJson", invalidJson)
        .put("strings", strings)
        .put("duplicates", duplicates)
        .put("resent", resent)
        .put("late", late)
        .put("cut", cut)
        .put("errors", errors)
        .put("lastReceivedAt", lastReceivedAt == 0 ? null : lastReceivedAt)
        .put("ratePerSec", ratePerSec);
  }

  /** The first 57 chars of {@code text} and "..." if it is longer than 60 (a surrogate pair kept whole), controls escaped. */
  static String abbreviate(String text) {
    if (text.length() > 60) {
      int end = Character.isLowSurrogate(text.charAt(57)) ? 56 : 57;
      text = text.substring(0, end) + "...";
    }
    return ControlCharacters.escape(text);
  }
}
