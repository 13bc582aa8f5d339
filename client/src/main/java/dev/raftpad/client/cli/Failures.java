package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.RaftpadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Turns a failed command into one clear line and an exit code (a stack trace only on -v). */
final class Failures {
  private Failures() {}

  static int report(Exception failure, boolean verbose, PrintWriter err) {
    err.println("raftpad: " + message(failure));
    if (verbose) {
      failure.printStackTrace(err);
    }
    err.flush();
    return exitCode(failure);
  }

  static String message(Exception failure) {
    if (failure instanceof RaftpadException e) {
      return e.getMessage() + " (" + e.reason() + ")";
    }
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }

  static int exitCode(Exception failure) {
    return switch (failure) {
      case CliRuntime.NotSignedInException e -> ExitCodes.NOT_SIGNED_IN;
      case RaftpadException e ->
          switch (e.reason()) {
            case UNAUTHENTICATED, BAD_CREDENTIALS -> ExitCodes.NOT_SIGNED_IN;
            case UNAVAILABLE, DEADLINE_EXCEEDED, NO_QUORUM, NOT_LEADER, LLM_UNAVAILABLE ->
                ExitCodes.UNREACHABLE;
            default -> ExitCodes.REFUSED;
          };
      case IOException e -> ExitCodes.LOCAL;
      case UncheckedIOException e -> ExitCodes.LOCAL;
      case IllegalArgumentException e -> ExitCodes.USAGE;
      default -> ExitCodes.REFUSED;
    };
  }
}
