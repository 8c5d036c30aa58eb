package io.vertxcenter.worker;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The ways {@code center bench} runs the task, in the order it prints them. */
public enum BenchMode {
  /** A plain loop on one thread. */
  SEQUENTIAL("Sequential"),
  /** One Vert.x event loop, one event per task: concurrency without parallelism (the asyncio analogue). */
  EVENT_LOOP("Event-Loop"),
  /** A pool of one thread per core: parallel in Java, unlike CPython's threads. */
  THREADS("Threads"),
  /** Worker verticle instances in one JVM, fed over its local event bus. */
  WORKERS("Workers"),
  /** Every worker instance of every worker JVM, fed over the clustered event bus. */
  CLUSTER("Cluster");

  private final String label;

  BenchMode(String label) {
    this.label = label;
  }

  /** The name printed in results ({@code Event-Loop}). */
  public String label() {
    return label;
  }

  /** Parses {@code sequential}, {@code event-loop}, {@code eventloop}, {@code Threads}, … */
  public static BenchMode parse(String text) {
    String word = text.trim().toLowerCase().replace("-", "").replace("_", "");
    for (BenchMode mode : values()) {
      if (mode.label.toLowerCase().replace("-", "").equals(word)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + text + "': expected one of " + labels());
  }

  public static String labels() {
    return Arrays.stream(values()).map(mode -> mode.label.toLowerCase()).collect(Collectors.joining(", "));
  }
}
