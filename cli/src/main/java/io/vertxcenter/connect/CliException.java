package io.vertxcenter.connect;

/** A command that failed, with the exit status scripts can trust and the message a user reads. */
public final class CliException extends RuntimeException {
  /** The command reached its target, which refused or failed it. */
  public static final int FAILED = 1;
  /** The command line was wrong (unknown command or option, bad value). */
  public static final int USAGE = 2;
  /** The cluster, or the node that serves the command, cannot be reached. */
  public static final int UNREACHABLE = 3;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
