package io.vertxcenter.cli;

import io.vertxcenter.client.LoadPlan;
import io.vertxcenter.common.Failure;
import io.vertxcenter.common.Role;
import io.vertxcenter.common.Settings;
import io.vertxcenter.local.UpLimits;
import io.vertxcenter.monitor.PrintMode;
import io.vertxcenter.server.Durability;
import io.vertxcenter.server.LogSettings;
import io.vertxcenter.server.ServerParams;
import io.vertxcenter.worker.BenchMode;
import io.vertxcenter.worker.CountdownTask;
import io.vertxcenter.worker.WorkerRoleVerticle;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values every CLI option, positional parameter and env var may take, as picocli converters
 * ({@code @Option(converter = OptionValues.Port.class)}): a bad value fails while the command line
 * is parsed, before anything runs, and {@link CliErrors} prints one {@code error:} line naming the
 * option (or its env var), the value and {@link Checked#expected()}; exit status 2. Ranges that a
 * role's settings own ({@link ServerParams#RANGES}, {@link LoadPlan#RANGES}) are taken from there,
 * and every number is checked by its {@link Settings.Range}, as the nodes check it, so a number out
 * of range reads the same from the CLI and from a node: {@code port must be a whole number from 1 to 65535}.
 */
public final class OptionValues {
  /** A TCP port to connect to or listen on. */
  public static final Settings.Range PORT = Settings.Range.PORT;
  /** A port where 0 means "none". */
  public static final Settings.Range PORT_OR_NONE = Settings.Range.PORT_OR_NONE;

  private OptionValues() {}

  /** A converter that says what it accepts, in the words of the error line ({@code a whole number from 1 to 65535}). */
  public interface Checked {
    String expected();
  }

  /**
   * Numbers within a range, checked by the range itself ({@link Settings.Range}), the nodes' own
   * check: its message, {@code "<key> must be a whole number from 1 to 65535"}, is the error line's.
   */
  public abstract static class InRange<T> implements ITypeConverter<T>, Checked {
    private final String key;
    private final Settings.Range range;

    /** @param key what the message calls the value: a role setting's own key ({@code port}), else a plain name */
    protected InRange(String key, Settings.Range range) {
      this.key = key;
      this.range = range;
    }

    /** Both ends included. */
    public Settings.Range range() {
      return range;
    }

    protected String key() {
      return key;
    }
  }

  /** Whole numbers within a range, as {@code Long}. */
  public abstract static class LongRange extends InRange<Long> {
    protected LongRange(String key, Settings.Range range) {
      super(key, range);
    }

    @Override
    public Long convert(String text) {
      return inRange(() -> range().wholeNumber(key(), text));
    }

    @Override
    public String expected() {
      return range().wholeNumbers();
    }
  }

  /** Whole numbers within a range, as {@code Integer} (the range must fit an int). */
  public abstract static class IntRange extends InRange<Integer> {
    protected IntRange(String key, Settings.Range range) {
      super(key, range);
    }

    @Override
    public Integer convert(String text) {
      return inRange(() -> (int) range().wholeNumber(key(), text));
    }

    @Override
    public String expected() {
      return range().wholeNumbers();
    }
  }

  /** Decimal numbers within a range. */
  public abstract static class DecimalRange extends InRange<Double> {
    protected DecimalRange(String key, Settings.Range range) {
      super(key, range);
    }

    @Override
    public Double convert(String text) {
      return inRange(() -> range().decimal(key(), text));
    }

    @Override
    public String expected() {
      return range().numbers();
    }
  }

  /** A word from a fixed set (an enum's names, a list of them): what the word means is the parser's. */
  public abstract static class Choice<T> implements ITypeConverter<T>, Checked {
    /** The accepted words, as the user types them. */
    public abstract List<String> choices();

    /** Parses {@code text}; {@link IllegalArgumentException} for a word not among {@link #choices()}. */
    protected abstract T parse(String text);

    @Override
    public T convert(String text) {
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected " + expected());
      }
    }

    @Override
    public String expected() {
      return "one of " + String.join(", ", choices());
    }
  }

  /** One word: not empty, no spaces or control characters, at most 253 characters; what it names is the subclass's to say. */
  public abstract static class Word implements ITypeConverter<String>, Checked {
    private final String expected;

    protected Word(String expected) {
      this.expected = expected;
    }

    @Override
    public String convert(String text) {
      return host(text.trim(), "expected " + expected);
    }

    @Override
    public String expected() {
      return expected;
    }
  }

  /** A host name or IP address, spelled as {@link Settings#host(String, Object, String)} checks: no comma or space. */
  public static class Host extends Word {
    public Host() {
      super(Settings.HOST);
    }

    @Override
    public String convert(String text) {
      try {
        return Settings.host("host", text, "");
      } catch (Failure.CommandException e) {
        throw new TypeConversionException("expected " + expected());
      }
    }
  }

  /**
   * {@code HOST:PORT[,HOST:PORT...]}, ports from 1 to 65535: the CLI bridges of a cluster, tried in
   * this order ({@code --cluster}, {@code CENTER_CLUSTER}); returned with the spaces around each one
   * dropped. Blank is "not given" (null), as an empty env var is unset.
   */
  public static class HostPort implements ITypeConverter<String>, Checked {
    @Override
    public String convert(String text) {
      if (text.isBlank()) {
        return null;
      }
      List<String> bridges = new ArrayList<>();
      for (String bridge : text.split(",", -1)) {
        bridges.add(hostPort(bridge.trim(), "expected " + expected()));
      }
      return String.join(",", bridges);
    }

    @Override
    public String expected() {
      return "HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:7000, or several, comma-separated";
    }
  }

  /** One {@code HOST:PORT}, port from 1 to 65535 (a node's HTTP address). */
  public static class OneHostPort extends TextValue {
    public OneHostPort() {
      super("HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8080", text -> text.indexOf(',') < 0 ? hostPort(text.trim(), "") : null);
    }
  }

  /** A host name without a port, as a request's {@code Host} gives it ({@code server}, {@code center.example.org}). */
  public static class HostName extends TextValue {
    public HostName() {
      super("host names without port, comma-separated, e.g. server,center.example.org",
          text -> text.isBlank() || text.indexOf(':') >= 0 ? null : host(text.trim(), ""));
    }
  }

  /**
   * A word that {@code check} returns as it is to be used, or refuses (null, or a
   * {@link TypeConversionException}): the error says {@code expected <what>}.
   */
  public abstract static class TextValue implements ITypeConverter<String>, Checked {
    private final String expected;
    private final UnaryOperator<String> check;

    TextValue(String expected, UnaryOperator<String> check) {
      this.expected = expected;
      this.check = check;
    }

    @Override
    public String convert(String text) {
      String value;
      try {
        value = check.apply(text);
      } catch (TypeConversionException e) {
        value = null;
      }
      if (value == null) {
        throw new TypeConversionException("expected " + expected);
      }
      return value;
    }

    @Override
    public String expected() {
      return expected;
    }
  }

  /** {@code HOST} or {@code HOST:PORT} (a cluster seed member), port from 1 to 65535. */
  public static class Member implements ITypeConverter<String>, Checked {
    @Override
    public String convert(String text) {
      String value = text.trim();
      return value.indexOf(':') < 0 ? host(value, "expected " + expected()) : hostPort(value, "expected " + expected());
    }

    @Override
    public String expected() {
      return "HOST or HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:5701";
    }
  }

  /**
   * A path on this machine: {@link #FILE} a readable regular file that exists (the cluster token),
   * {@link #DIRECTORY} a directory that exists (key material to read), {@link #NEW_DIRECTORY} a
   * directory to write, which may not exist yet but is not a file. Blank is "not given" (null), as
   * an empty env var is unset.
   */
  public abstract static class PathValue implements ITypeConverter<Path>, Checked {
    private final String expected;
    private final Predicate<Path> fits;

    protected PathValue(String expected, Predicate<Path> fits) {
      this.expected = expected;
      this.fits = fits;
    }

    @Override
    public Path convert(String text) {
      if (text.isBlank()) {
        return null;
      }
      Path path;
      try {
        path = Path.of(text.trim());
      } catch (InvalidPathException e) {
        throw new TypeConversionException("expected " + expected);
      }
      if (!fits.test(path)) {
        throw new TypeConversionException("expected " + expected);
      }
      return path;
    }

    @Override
    public String expected() {
      return expected;
    }
  }

  /** A readable file that exists. */
  public static class ReadableFile extends PathValue {
    public ReadableFile() {
      super("a readable file that exists", path -> Files.isRegularFile(path) && Files.isReadable(path));
    }
  }

  /** A directory that exists. */
  public static class ExistingDirectory extends PathValue {
    public ExistingDirectory() {
      super("a directory that exists", Files::isDirectory);
    }
  }

  /** A directory to write: it may be missing, but not a file. */
  public static class DirectoryToWrite extends PathValue {
    public DirectoryToWrite() {
      super("a directory (made if missing), not a file", path -> !Files.exists(path) || Files.isDirectory(path));
    }
  }

  /** A name: not empty, no spaces or control characters (a cluster name). */
  public static class Name extends Word {
    public Name() {
      super("a name without spaces, e.g. vertxcenter");
    }
  }

  // ---- the options of the CLI's commands ----

  /** {@code bench --total}: tasks 0..N-1. */
  public static final class BenchTotal extends LongRange {
    public BenchTotal() {
      super("bench total", CountdownTask.TOTAL);
    }
  }

  /** {@code bench --rounds}: timed rounds of every mode. */
  public static final class BenchRounds extends IntRange {
    /** More rounds only take longer; the median settles well before. */
    public static final int MAX = 50;

    public BenchRounds() {
      super("rounds", new Settings.Range(1, MAX));
    }
  }

  /** Bench modes as {@code --modes} names them, without repeats; a value of its own, not a list picocli would split. */
  public record ModeList(List<BenchMode> modes) {}

  /** {@code bench --modes}: one or more bench modes by name, comma-separated. */
  public static final class Modes extends Choice<ModeList> {
    @Override
    public List<String> choices() {
      return List.of(BenchMode.labels().split(", "));
    }

    @Override
    protected ModeList parse(String text) {
      List<BenchMode> modes = Arrays.stream(text.split(",")).map(BenchMode::parse).distinct().toList();
      if (modes.isEmpty()) {
        throw new IllegalArgumentException("no mode");
      }
      return new ModeList(modes);
    }

    @Override
    public String expected() {
      return "one or more of " + String.join(", ", choices()) + ", comma-separated";
    }
  }

  /** {@code monitor tail --count}: messages to print, 1 or more. */
  public static final class TailCount extends LongRange {
    public TailCount() {
      super("count", new Settings.Range(1, Long.MAX_VALUE));
    }
  }

  /** {@code workers scale N}: worker verticle instances per node. */
  public static final class WorkerInstances extends IntRange {
    public WorkerInstances() {
      super("instances", WorkerRoleVerticle.SCALE_INSTANCES);
    }
  }

  /** A TCP port, 1-65535. */
  public static final class Port extends IntRange {
    public Port() {
      super("port", PORT);
    }
  }

  /** A port, or 0 for none. */
  public static final class PortOrNone extends IntRange {
    public PortOrNone() {
      super("port", PORT_OR_NONE);
    }
  }

  /** A durability level of the server's data log: none, write or fsync. */
  public static final class DurabilityLevel extends Choice<Durability> {
    @Override
    public List<String> choices() {
      return Arrays.stream(Durability.values()).map(Durability::label).toList();
    }

    @Override
    protected Durability parse(String text) {
      return Durability.of(text);
    }
  }

  /** {@code node --data-max-bytes}: the server's data log's bound, one segment to 1 TiB. */
  public static final class DataMaxBytes extends LongRange {
    public DataMaxBytes() {
      super("data-max-bytes", new Settings.Range(LogSettings.MIN_BYTES, 1L << 40));
    }
  }

  /** {@code server params set --instances}. */
  public static final class ServerInstances extends IntRange {
    public ServerInstances() {
      super("instances", ServerParams.RANGES.get("instances"));
    }
  }

  /** {@code server params set --max-line-bytes}. */
  public static final class MaxLineBytes extends IntRange {
    public MaxLineBytes() {
      super("maxLineBytes", ServerParams.RANGES.get("maxLineBytes"));
    }
  }

  /** {@code server params set --max-connections}. */
  public static final class MaxConnections extends IntRange {
    public MaxConnections() {
      super("maxConnections", ServerParams.RANGES.get("maxConnections"));
    }
  }

  /** {@code client start --connections}. */
  public static final class Connections extends IntRange {
    public Connections() {
      super("connections", LoadPlan.RANGES.get("connections"));
    }
  }

  /** {@code client start --rate}, {@code up --client-rate}: lines per second, 0 as fast as possible. */
  public static final class Rate extends LongRange {
    public Rate() {
      super("rate", LoadPlan.RANGES.get("rate"));
    }
  }

  /** {@code up --client-rate} (an int there): lines per second. */
  public static final class ClientRate extends IntRange {
    public ClientRate() {
      super("rate", LoadPlan.RANGES.get("rate"));
    }
  }

  /** {@code client start --count}: lines in all, 0 no limit. */
  public static final class Count extends LongRange {
    public Count() {
      super("count", LoadPlan.RANGES.get("count"));
    }
  }

  /** {@code client start --duration}: seconds, 0 no limit. */
  public static final class Duration extends IntRange {
    public Duration() {
      super("duration", LoadPlan.RANGES.get("duration"));
    }
  }

  /** {@code client start --json-share}. */
  public static final class JsonShare extends DecimalRange {
    public JsonShare() {
      super("jsonShare", LoadPlan.RANGES.get("jsonShare"));
    }
  }

  /** {@code client start --size}: bytes per line. */
  public static final class LineSize extends IntRange {
    public LineSize() {
      super("size", LoadPlan.RANGES.get("size"));
    }
  }

  // ---- for 'center node' and 'center up' (their owner adds the annotations) ----

  /**
   * One {@code --client-load} list ({@code CENTER_CLIENT_LOAD}): comma-separated {@code KEY=VALUE}
   * pairs, keys of {@code client start} ({@link LoadPlan}) with values their keys take, checked by
   * {@link KeyValues}, the parser of every {@code KEY=VALUE} word; an empty pair ({@code rate=1,},
   * {@code ,}) is refused. Gives the list back; a key given twice across lists is found when all of
   * them are parsed together ({@code NodeCommand}).
   */
  public static final class ClientLoadPairs implements ITypeConverter<String>, Checked {
    @Override
    public String convert(String list) {
      try {
        KeyValues.CLIENT_LOAD.parse(KeyValues.CLIENT_LOAD.pairs(list));
        return list;
      } catch (KeyValues.BadWord e) {
        throw new TypeConversionException(e.getMessage());
      }
    }

    @Override
    public String expected() {
      return KeyValues.CLIENT_LOAD.expected();
    }
  }

  /** {@code node --roles}, {@code CENTER_ROLES}: comma-separated roles; gives the text back. */
  public static final class Roles extends Choice<String> {
    @Override
    public List<String> choices() {
      return List.of(Role.labels().split(", "));
    }

    @Override
    protected String parse(String text) {
      Role.parseList(text);
      return text;
    }

    @Override
    public String expected() {
      return "one or more of " + String.join(", ", choices()) + ", comma-separated";
    }
  }

  /** {@code node --print}, {@code CENTER_MONITOR_PRINT}. */
  public static final class Print extends Choice<PrintMode> {
    @Override
    public List<String> choices() {
      return Arrays.stream(PrintMode.values()).map(mode -> mode.name().toLowerCase()).toList();
    }

    @Override
    protected PrintMode parse(String text) {
      return PrintMode.parse(text);
    }
  }

  /** {@code node --workers}, {@code up --workers}: worker instances, 0 one per core. */
  public static final class NodeWorkers extends IntRange {
    public NodeWorkers() {
      super("workers", new Settings.Range(0, WorkerRoleVerticle.MAX_INSTANCES));
    }
  }

  /** {@code up --worker-nodes}: worker JVMs on this machine. */
  public static final class WorkerNodes extends IntRange {
    public WorkerNodes() {
      super("worker nodes", UpLimits.WORKER_NODES);
    }
  }

  /** {@code up --timeout}: seconds to wait for the cluster. */
  public static final class TimeoutSeconds extends IntRange {
    public TimeoutSeconds() {
      super("timeout", new Settings.Range(1, 24 * 3600));
    }
  }

  // ---- the checks, one place each ----

  private static final Pattern NO_SPACE = Pattern.compile("[^\\s\\p{Cntrl}]{1,253}");

  /** A range's check as a converter's: its bad request becomes picocli's conversion error, in the same words. */
  private static <T> T inRange(Supplier<T> check) {
    try {
      return check.get();
    } catch (Failure.CommandException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  private static String host(String text, String expected) {
    if (!NO_SPACE.matcher(text).matches()) {
      throw new TypeConversionException(expected);
    }
    return text;
  }

  private static String hostPort(String value, String expected) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      throw new TypeConversionException(expected);
    }
    host(value.substring(0, colon), expected);
    try {
      PORT.wholeNumber("port", value.substring(colon + 1));
    } catch (Failure.CommandException e) {
      throw new TypeConversionException(expected);
    }
    return value;
  }
}
