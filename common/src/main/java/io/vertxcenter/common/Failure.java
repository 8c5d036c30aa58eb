package io.vertxcenter.common;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Failure codes of command replies ({@code message.fail(code, text)}). The CLI maps them to
 * messages and exit status. A command handler signals one by failing its future with
 * {@link CommandException}.
 */
public enum Failure {
  BAD_REQUEST(400),
  NOT_FOUND(404),
  CONFLICT(409),
  INTERNAL(500),
  /** The recipient cannot take it now (a monitor that cannot write its output): send it again later. */
  UNAVAILABLE(503);

  private final int code;

  Failure(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public CommandException error(String text) {
    return new CommandException(this, text);
  }

  /** The code of a failed reply, or {@link #INTERNAL} when it is not one of ours. */
  public static Failure of(Throwable error) {
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      for (Failure failure : values()) {
        if (failure.code == reply.failureCode()) {
          return failure;
        }
      }
    }
    return INTERNAL;
  }

  /** A command that cannot be carried out, with the reason a user reads. */
  public static final class CommandException extends RuntimeException {
    private final Failure failure;

    CommandException(Failure failure, String message) {
      super(message, null, false, false);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }
}
