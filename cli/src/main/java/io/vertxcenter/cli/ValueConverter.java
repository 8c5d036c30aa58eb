package io.vertxcenter.cli;

import io.vertxcenter.common.Failure;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A picocli converter that says what it takes, the base of every option value's check: a bad value
 * fails while the command line is parsed, before anything runs, and {@link CliErrors} prints one
 * {@code error:} line naming the option (or its env var), the value and why; exit status 2.
 * Subclasses are grouped by kind: {@link WholeNumber}, {@link Addresses}, {@link FilePaths},
 * {@link Choices}, {@link KeyValues.ClientLoadList}.
 *
 * @param <T> the option's type
 */
public abstract class ValueConverter<T> implements ITypeConverter<T> {
  private final String expected;
  private final Function<String, T> parse;

  /**
   * @param expected what the option takes, in the words of the error line ({@code a directory that exists})
   * @param parse    the value of a text, or an {@link IllegalArgumentException} or a bad request
   *                 ({@link Failure.CommandException}) for a text it refuses, which reads {@code expected <expected>};
   *                 a {@link TypeConversionException} it throws is shown as it is
   */
  protected ValueConverter(String expected, Function<String, T> parse) {
    this.expected = expected;
    this.parse = parse;
  }

  /** What the option takes, as the error line says it. */
  public String expected() {
    return expected;
  }

  @Override
  public T convert(String text) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException | Failure.CommandException e) {
      throw new TypeConversionException("expected " + expected);
    }
  }
}
