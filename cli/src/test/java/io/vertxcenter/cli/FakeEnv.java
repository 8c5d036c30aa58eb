package io.vertxcenter.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Env vars as picocli reads them, for a test that parses in its own JVM: an option declared with
 * {@code defaultValue = "${env:NAME}"} gets {@code ${env:NAME:-value}} from the returned provider,
 * which picocli resolves to {@code value} (NAME being unset) while the option still says which env
 * var it reads, as it would with {@code NAME=value} in the environment; so an error names NAME.
 */
public final class FakeEnv {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

  private FakeEnv() {}

  /**
   * The env var {@code arg}'s default reads, or null. Call it before {@link #of}'s provider is
   * installed: picocli asks the provider for the default first.
   */
  public static String envOf(ArgSpec arg) {
    Matcher env = ENV.matcher(String.valueOf(arg.defaultValueString(false)));
    return env.find() ? env.group(1) : null;
  }

  /**
   * A default value provider under which each option of {@code values} reads its value from its env var.
   *
   * @throws IllegalStateException when an option reads no env var, or its env var is set in this JVM
   *     (its value would win: unset it to run the test)
   */
  public static IDefaultValueProvider of(Map<? extends ArgSpec, String> values) {
    Map<ArgSpec, String> defaults = new HashMap<>();
    values.forEach((arg, value) -> {
      String env = envOf(arg);
      if (env == null || System.getenv(env) != null) {
        throw new IllegalStateException(arg + " reads no env var, or " + env + " is set in this JVM: unset it");
      }
      defaults.put(arg, "${env:" + env + ":-" + value + "}");
    });
    return defaults::get;
  }
}
