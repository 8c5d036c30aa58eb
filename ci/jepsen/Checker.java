import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jepsen-style test's checker (ci/jepsen-test.sh): reads the generator's record, the nemesis's
 * fault log and every monitor output, and reports in Jepsen's queue terms.
 *
 * <p>Run from source: {@code java ci/jepsen/Checker.java RUN RECORD FAULTS MONITOR_OUTPUT…}. RECORD
 * has rows {@code <n> <attempts> <acked attempt, 0 if none> <first sent, epoch ms>} (ci/jepsen/Generator.java);
 * FAULTS rows {@code <epoch ms> <fault words…>}; a monitor output holds {@code Received String: jepsen-RUN-<n>-<attempt>}
 * lines, or {@code Received String (resent): …} for lines of a batch the server sent again after a
 * monitor died, which the new monitor cannot know it had not shown.
 *
 * <p>A copy is one attempt at line n. Its verdicts: <b>lost</b> line n was acknowledged and no copy
 * of it was shown; <b>shown twice unmarked</b> the same copy was shown unmarked more than once (the
 * system repeated it without saying so); <b>shown marked resent</b> a copy was shown with the mark;
 * <b>unacknowledged but shown</b> no ACK covered n, a copy was shown anyway (allowed: the ACK was lost);
 * <b>client resends shown</b> copies of two attempts of n were shown (allowed: at-least-once, the
 * client resent what no ACK covered). Each anomaly is also counted under the fault that started
 * nearest to the line's first send. Prints a table; exit status 0 when lost = 0 and shown twice
 * unmarked = 0 (and something was acknowledged), 1 otherwise, 2 on a usage error.
 */
public final class Checker {
  private static final String NO_FAULT = "(no fault)";

  private final Pattern shown;
  private int[] attempts = new int[0];
  private int[] ackedAttempt = new int[0];
  private long[] firstSent = new long[0];
  private final Map<Long, int[]> copies = new HashMap<>();    // n << 8 | attempt -> {unmarked, marked}
  private long strangers;                                      // shown, never sent
  private final List<long[]> faultTimes = new ArrayList<>();
  private final List<String> faultNames = new ArrayList<>();

  private Checker(String run) {
    this.shown = Pattern.compile("Received String( \\(resent\\))?: jepsen-" + Pattern.quote(run) + "-(\\d+)-(\\d+)\\s*$");
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: java ci/jepsen/Checker.java RUN RECORD FAULTS MONITOR_OUTPUT...");
      System.exit(2);
    }
    Checker checker = new Checker(args[0]);
    checker.readRecord(Path.of(args[1]));
    checker.readFaults(Path.of(args[2]));
    for (int i = 3; i < args.length; i++) {
      checker.readShown(Path.of(args[i]));
    }
    System.exit(checker.report() ? 0 : 1);
  }

  private void readRecord(Path record) throws IOException {
    List<String> rows = Files.readAllLines(record);
    attempts = new int[rows.size()];
    ackedAttempt = new int[rows.size()];
    firstSent = new long[rows.size()];
    for (String row : rows) {
      String[] f = row.split(" ");
      int n = Integer.parseInt(f[0]);
      attempts[n] = Integer.parseInt(f[1]);
      ackedAttempt[n] = Integer.parseInt(f[2]);
      firstSent[n] = Long.parseLong(f[3]);
    }
  }

  private void readFaults(Path faults) throws IOException {
    for (String row : Files.readAllLines(faults)) {
      int space = row.indexOf(' ');
      if (space > 0) {
        faultTimes.add(new long[] {Long.parseLong(row.substring(0, space))});
        faultNames.add(row.substring(space + 1).trim());
      }
    }
  }

  private void readShown(Path output) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.ISO_8859_1)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.contains("jepsen-")) {
          continue;
        }
        Matcher m = shown.matcher(line);
        if (!m.find()) {
          continue;
        }
        long n = Long.parseLong(m.group(2));
        int attempt = Integer.parseInt(m.group(3));
        if (n >= attempts.length || attempt < 1 || attempt > attempts[(int) n] || attempt > 255) {
          strangers++;
          continue;
        }
        copies.computeIfAbsent(n << 8 | attempt, k -> new int[2])[m.group(1) == null ? 0 : 1]++;
      }
    }
  }

  /** The fault that started nearest to epoch-ms {@code at}, or none when there was none. */
  private String nearestFault(long at) {
    String best = NO_FAULT;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < faultTimes.size(); i++) {
      long distance = Math.abs(faultTimes.get(i)[0] - at);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = faultNames.get(i);
      }
    }
    return best;
  }

  private static final String[] TERMS = {
    "attempted", "acknowledged", "lost", "shown twice unmarked", "shown marked resent",
    "unacknowledged but shown", "client resends shown", "unacknowledged, not shown"};

  private boolean report() {
    long[] total = new long[TERMS.length];
    Map<String, long[]> byFault = new LinkedHashMap<>();
    for (String name : faultNames) {
      byFault.putIfAbsent(name, new long[TERMS.length + 1]);
    }
    for (String name : faultNames) {
      byFault.get(name)[TERMS.length]++;     // how many faults of that kind
    }
    for (int n = 0; n < attempts.length; n++) {
      if (attempts[n] == 0) {
        continue;
      }
      boolean acked = ackedAttempt[n] > 0;
      int attemptsShown = 0;
      boolean twice = false;
      boolean marked = false;
      for (int a = 1; a <= Math.min(attempts[n], 255); a++) {
        int[] c = copies.get((long) n << 8 | a);
        if (c == null) {
          continue;
        }
        attemptsShown++;
        twice |= c[0] > 1;
        marked |= c[1] > 0;
      }
      boolean[] verdicts = {
        true, acked, acked && attemptsShown == 0, twice, marked,
        !acked && attemptsShown > 0, attemptsShown > 1, !acked && attemptsShown == 0};
      long[] row = byFault.computeIfAbsent(nearestFault(firstSent[n]), k -> new long[TERMS.length + 1]);
      for (int t = 0; t < TERMS.length; t++) {
        if (verdicts[t]) {
          total[t]++;
          row[t]++;
        }
      }
    }
    printTable(total, byFault);
    boolean pass = total[2] == 0 && total[3] == 0 && total[1] > 0 && strangers == 0;
    System.out.println("shown but never sent: " + strangers);
    System.out.println(pass
        ? "PASS: lost = 0, shown twice unmarked = 0"
        : "FAIL: lost = " + total[2] + ", shown twice unmarked = " + total[3] + ", acknowledged = " + total[1]
            + ", shown but never sent = " + strangers + " (pass needs lost = 0, shown twice unmarked = 0, acknowledged > 0)");
    return pass;
  }

  private static void printTable(long[] total, Map<String, long[]> byFault) {
    StringBuilder header = new StringBuilder(String.format("%-28s %6s", "lines first sent nearest", "faults"));
    for (String term : TERMS) {
      header.append(String.format(" | %s", term));
    }
    System.out.println(header);
    System.out.println(row("all", -1, total));
    for (Map.Entry<String, long[]> e : byFault.entrySet()) {
      System.out.println(row(e.getKey(), e.getValue()[TERMS.length], e.getValue()));
    }
  }

  private static String row(String name, long faults, long[] counts) {
    StringBuilder row = new StringBuilder(String.format("%-28s %6s", name, faults < 0 ? "" : Long.toString(faults)));
    for (int t = 0; t < TERMS.length; t++) {
      row.append(String.format(" | %" + TERMS[t].length() + "d", counts[t]));
    }
    return row.toString();
  }
}
