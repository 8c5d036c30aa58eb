package io.vertxcenter.bench;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn ten times a second while a bench mode runs, and
 * erased when it ends. Drawn only when the CLI runs on a terminal, so pipes and {@code --json}
 * output stay clean. (Java 17 cannot ask whether stderr alone is a terminal; an interactive
 * console is the closest test.)
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;
  private static final long REDRAW_MS = 100;

  private final PrintStream out;
  private final ScheduledExecutorService redraws;
  private ScheduledFuture<?> current;

  private ProgressBar(PrintStream out) {
    this.out = out;
    this.redraws = out == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "progress-bar");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** A bar on stderr when this is an interactive terminal, else one that draws nothing. */
  public static ProgressBar onTerminal() {
    return new ProgressBar(System.console() != null ? System.err : null);
  }

  /** Shows {@code label} with {@code done} out of {@code total} until {@link #stop()}. */
  public synchronized void show(String label, LongSupplier done, long total) {
    stop();
    if (redraws != null) {
      current = redraws.scheduleAtFixedRate(() -> draw(label, done.getAsLong(), total), 0, REDRAW_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops redrawing and erases the line. */
  public synchronized void stop() {
    if (current != null) {
      current.cancel(false);
      current = null;
      out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      out.flush();
    }
  }

  private void draw(String label, long done, long total) {
    double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    out.printf("\r%-11s [%s%s] %3.0f%%", label, "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100);
    out.flush();
  }

  @Override
  public synchronized void close() {
    stop();
    if (redraws != null) {
      redraws.shutdownNow();
    }
  }
}
