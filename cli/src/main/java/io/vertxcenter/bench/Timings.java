package io.vertxcenter.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The times of one mode over the rounds of a bench, in seconds: the median is its figure, min-max
 * its spread.
 */
public final class Timings {
  private final List<Double> seconds = new ArrayList<>();

  /** Adds one round's time, in seconds (positive). */
  public void add(double runSeconds) {
    seconds.add(runSeconds);
  }

  /** The times in the order the rounds ran. */
  public List<Double> all() {
    return List.copyOf(seconds);
  }

  public boolean isEmpty() {
    return seconds.isEmpty();
  }

  /** The middle time; for an even count, the mean of the two middle ones. Not defined when empty. */
  public double median() {
    List<Double> sorted = sorted();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  public double min() {
    return sorted().get(0);
  }

  public double max() {
    List<Double> sorted = sorted();
    return sorted.get(sorted.size() - 1);
  }

  private List<Double> sorted() {
    if (seconds.isEmpty()) {
      throw new IllegalStateException("no times yet");
    }
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    return sorted;
  }
}
