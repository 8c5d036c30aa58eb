package io.vertxcenter.cli;

import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Settings;
import io.vertxcenter.local.UpLimits;
import io.vertxcenter.server.LogSettings;
import io.vertxcenter.worker.CountdownTask;
import io.vertxcenter.worker.WorkerRoleVerticle;
import java.util.function.LongFunction;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole numbers within a range, checked by the range itself ({@link Settings.Range}, the nodes' own
 * check), so the error line reads as a node's would: {@code port must be a whole number from 1 to 65535}.
 * One subclass per range, named for what it counts.
 *
 * @param <T> {@code Integer} or {@code Long}, as the option's field is
 */
public abstract class WholeNumber<T> extends ValueConverter<T> {
  private final Settings.Range range;

  /** @param key what the message calls the value; @param type the number as the field's type */
  protected WholeNumber(String key, Settings.Range range, LongFunction<T> type) {
    super(range.wholeNumbers(), text -> {
      try {
        return type.apply(range.wholeNumber(key, text));
      } catch (Failure.CommandException e) {
        throw new TypeConversionException(e.getMessage());
      }
    });
    this.range = range;
  }

  /** The numbers taken, both ends included. */
  public Settings.Range range() {
    return range;
  }

  /** A TCP port, 1-65535. */
  public static final class Port extends WholeNumber<Integer> {
    public Port() {
      super("port", Settings.Range.PORT, n -> (int) n);
    }
  }

  /** A port, or 0 for none. */
  public static final class PortOrNone extends WholeNumber<Integer> {
    public PortOrNone() {
      super("port", Settings.Range.PORT_OR_NONE, n -> (int) n);
    }
  }

  /** {@code bench --total}: tasks 0..N-1. */
  public static final class BenchTotal extends WholeNumber<Long> {
    public BenchTotal() {
      super("bench total", CountdownTask.TOTAL, n -> n);
    }
  }

  /** {@code bench --rounds}: timed rounds of every mode; more only take longer, the median settles well before 50. */
  public static final class BenchRounds extends WholeNumber<Integer> {
    public BenchRounds() {
      super("rounds", new Settings.Range(1, 50), n -> (int) n);
    }
  }

  /** {@code monitor tail --count}: messages to print, 1 or more. */
  public static final class TailCount extends WholeNumber<Long> {
    public TailCount() {
      super("count", new Settings.Range(1, Long.MAX_VALUE), n -> n);
    }
  }

  /** {@code workers scale N}: worker verticle instances per node. */
  public static final class WorkerInstances extends WholeNumber<Integer> {
    public WorkerInstances() {
      super("instances", WorkerRoleVerticle.SCALE_INSTANCES, n -> (int) n);
    }
  }

  /** {@code node --workers}, {@code up --workers}: worker instances, 0 one per core. */
  public static final class NodeWorkers extends WholeNumber<Integer> {
    public NodeWorkers() {
      super("workers", new Settings.Range(0, WorkerRoleVerticle.MAX_INSTANCES), n -> (int) n);
    }
  }

  /** {@code up --worker-nodes}: worker JVMs on this machine. */
  public static final class WorkerNodes extends WholeNumber<Integer> {
    public WorkerNodes() {
      super("worker nodes", UpLimits.WORKER_NODES, n -> (int) n);
    }
  }

  /** {@code up --timeout}: seconds to wait for the cluster, up to a day. */
  public static final class TimeoutSeconds extends WholeNumber<Integer> {
    public TimeoutSeconds() {
      super("timeout", new Settings.Range(1, 24 * 3600), n -> (int) n);
    }
  }

  /** {@code up --client-rate}: lines per second, the client's own {@code rate} range ({@link LoadPlan#RANGES}). */
  public static final class ClientRate extends WholeNumber<Integer> {
    public ClientRate() {
      super("rate", LoadPlan.RANGES.get("rate"), n -> (int) n);
    }
  }

  /** {@code node --data-max-bytes}: the server's data log's bound, one segment to 1 TiB. */
  public static final class DataMaxBytes extends WholeNumber<Long> {
    public DataMaxBytes() {
      super("data-max-bytes", new Settings.Range(LogSettings.MIN_BYTES, 1L << 40), n -> n);
    }
  }
}
