package io.vertxcenter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test support: what monitors showed of {@link NumberedLines}, read back from their consoles: for
 * each number, how often it was shown plain ({@code Received String: n-N}) and how often marked as
 * resent ({@code Received String (resent): n-N}), and the counts a checker reports in Jepsen's queue
 * terms: lost (never shown), shown twice unmarked (plain more than once), shown again marked.
 */
public final class ShownLines {
  private static final Pattern SHOWN = Pattern.compile("Received String( \\(resent\\))?: " + NumberedLines.PREFIX + "(\\d+)$");
  private final int[] plain;
  private final int[] marked;

  /** Counts the numbers 1 to {@code sent} in the console lines of {@code consoles}. */
  public ShownLines(long sent, Stream<String> consoles) {
    plain = new int[(int) sent + 1];
    marked = new int[(int) sent + 1];
    consoles.flatMap(String::lines).forEach(line -> {
      Matcher shown = SHOWN.matcher(line);
      if (shown.find()) {
        int number = Integer.parseInt(shown.group(2));
        if (number <= sent) {
          (shown.group(1) == null ? plain : marked)[number]++;
        }
      }
    });
  }

  /** Numbers never shown. */
  public long lost() {
    long lost = 0;
    for (int n = 1; n < plain.length; n++) {
      lost += plain[n] + marked[n] == 0 ? 1 : 0;
    }
    return lost;
  }

  /** Numbers shown plain more than once: a repeat the console does not tell. */
  public long shownTwiceUnmarked() {
    long repeats = 0;
    for (int n = 1; n < plain.length; n++) {
      repeats += plain[n] > 1 ? 1 : 0;
    }
    return repeats;
  }

  /** Numbers shown more than once in all, marked or not. */
  public long shownTwice() {
    long repeats = 0;
    for (int n = 1; n < plain.length; n++) {
      repeats += plain[n] + marked[n] > 1 ? 1 : 0;
    }
    return repeats;
  }

  /** Up to five numbers shown more than once, each with how often plain and marked: what a failure report shows. */
  public String repeatedExamples() {
    StringBuilder examples = new StringBuilder();
    int found = 0;
    for (int n = 1; n < plain.length && found < 5; n++) {
      if (plain[n] + marked[n] > 1) {
        examples.append(found++ == 0 ? "" : ", ").append(n).append(" (plain ").append(plain[n]).append(", marked ")
            .append(marked[n]).append(')');
      }
    }
    return examples.toString();
  }

  /** Up to five numbers never shown: what a failure report shows. */
  public String lostExamples() {
    StringBuilder examples = new StringBuilder();
    int found = 0;
    for (int n = 1; n < plain.length && found < 5; n++) {
      if (plain[n] + marked[n] == 0) {
        examples.append(found++ == 0 ? "" : ", ").append(n);
      }
    }
    return examples.toString();
  }

  /** Displays marked as resent. */
  public long marked() {
    long total = 0;
    for (int n = 1; n < marked.length; n++) {
      total += marked[n];
    }
    return total;
  }

  /** The checker's verdict: nothing lost, no repeat unmarked. */
  public void assertOnceEach() {
    assertEquals(0, lost(), "lines never shown: " + this);
    assertEquals(0, shownTwiceUnmarked(), "lines shown twice unmarked: " + this);
  }

  @Override
  public String toString() {
    return String.format("sent %d, lost %d (%s), shown twice unmarked %d, shown twice in all %d (e.g. %s), displays marked resent %d",
        plain.length - 1, lost(), lostExamples(), shownTwiceUnmarked(), shownTwice(), repeatedExamples(), marked());
  }
}
