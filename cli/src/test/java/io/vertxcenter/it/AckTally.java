package io.vertxcenter.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: the checker of {@link AckWriter}s, in Jepsen's queue terms. It reads what monitors
 * showed ({@code Received String: ack <c>-<n>}, or {@code Received String (resent): …} for a line of
 * a batch delivered again) from a monitor's output file and counts, against what each writer
 * attempted and was acknowledged: lost (acknowledged, never shown), shown twice unmarked (a repeat
 * the console does not tell), shown marked resent, and shown though never acknowledged.
 */
public final class AckTally {
  /** A line shown, plain or marked as resent (a replayed batch's line: shown, and the mark tells a possible repeat). */
  private static final Pattern SHOWN = Pattern.compile("Received String( \\(resent\\))?: ack (\\d+)-(\\d+)$");
  /** After the last acknowledged line is shown: how long replays still under way get to show up as doubles. */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  public long attempted;
  public long acknowledged;
  public long shown;
  /** Acknowledged, never shown: what must be 0. */
  public long lost;
  /** Shown again unmarked: a repeat the console does not tell; what must be 0. */
  public long shownTwice;
  public long shownMarked;
  /** Shown marked resent though shown before: a repeat the console tells (e.g. a replay after a crash). */
  public long shownAgain;
  public long unacknowledgedShown;

  private AckTally() {}

  /**
   * Counts {@code outputs} (monitors' consoles, in the order they were written; one that does not
   * exist counts as empty) against {@code writers}, as they stand now.
   */
  public static AckTally count(List<AckWriter> writers, List<Path> outputs) {
    Map<Integer, BitSet> seen = new HashMap<>();
    AckTally tally = new AckTally();
    for (Path output : outputs) {
      if (Files.exists(output)) {
        tally.read(output, seen);
      }
    }
    for (AckWriter writer : writers) {
      BitSet numbers = seen.getOrDefault(writer.connection(), new BitSet());
      int acked = (int) writer.acknowledged();
      tally.attempted += writer.attempted();
      tally.acknowledged += acked;
      tally.lost += acked - numbers.get(1, acked + 1).cardinality();
      tally.unacknowledgedShown += numbers.get(acked + 1, Math.max(acked + 1, numbers.length())).cardinality();
    }
    return tally;
  }

  /** Counts the lines {@code output} shows into {@code seen} (per connection, the numbers shown so far). */
  private void read(Path output, Map<Integer, BitSet> seen) {
    try (BufferedReader lines = Files.newBufferedReader(output)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher matched = SHOWN.matcher(line);
        if (matched.find()) {
          BitSet numbers = seen.computeIfAbsent(Integer.parseInt(matched.group(2)), c -> new BitSet());
          int n = Integer.parseInt(matched.group(3));
          boolean marked = matched.group(1) != null;
          shown++;
          shownMarked += marked ? 1 : 0;
          if (numbers.get(n)) {
            shownTwice += marked ? 0 : 1;
            shownAgain += marked ? 1 : 0;
          }
          numbers.set(n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Polls {@code outputs} every 500 ms until every acknowledged line is shown or {@code timeout}
   * passed, then counts once more after a settling {@link #SETTLE}: replays still under way would
   * show there as repeats. Returns that last count, for the caller to assert on.
   */
  public static AckTally awaitShown(List<AckWriter> writers, List<Path> outputs, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    AckTally tally = count(writers, outputs);
    while (tally.lost > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      tally = count(writers, outputs);
    }
    LockSupport.parkNanos(SETTLE.toNanos()); // a window for repeats to appear, not a wait for a condition
    return count(writers, outputs);
  }

  @Override
  public String toString() {
    return String.format("attempted %,d, acknowledged %,d, lost %,d (acknowledged, never shown), shown twice (unmarked) "
        + "%,d, shown marked resent %,d (%,d of them shown before), unacknowledged but shown %,d, shown %,d", attempted,
        acknowledged, lost, shownTwice, shownMarked, shownAgain, unacknowledgedShown, shown);
  }
}
