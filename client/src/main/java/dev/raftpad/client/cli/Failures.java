package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.RaftpadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * Turns a failed command into one sentence and an exit code (a stack trace only on -v). The
 * sentence is for people: no enum names, no exception class names, each reason said once.
 */
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

  static String message(Throwable failure) {
    return switch (failure) {
      case TextKeptException e ->
          message(e.getCause()) + "; your text is kept in " + e.file() + " (nothing was changed)";
      case RaftpadException e -> cluster(e);
      case UncheckedIOException e -> file(e.getCause());
      case IOException e -> file(e);
      default -> failure.getMessage() == null ? failure.toString() : failure.getMessage();
    };
  }

  /** The server's own message (it is written for people), completed where it leaves a gap. */
  private static String cluster(RaftpadException e) {
    String said = e.description();
    return switch (e.reason()) {
      case DOCUMENT_LOCKED -> {
        String until = e.metadata().getOrDefault("expires_at", "");
        yield until.isEmpty() ? said : said + " until " + LocalTimes.format(until);
      }
      case UNAVAILABLE ->
          said.startsWith("the TLS handshake failed")
              ? said + " (give the cluster's CA certificate with --ca FILE or RAFTPAD_CA)"
              : "no server of the cluster could be reached (" + said + ")";
      case DEADLINE_EXCEEDED -> "the cluster did not answer in time (" + said + ")";
      case NO_QUORUM, NOT_LEADER -> "the cluster has no leader right now; try again in a moment";
      case UNAUTHENTICATED -> "your session has ended (" + said + "); sign in again";
      case LOGIN_THROTTLED ->
          e.retryAfter()
              .map(wait -> "too many failed sign-ins; try again in " + wholeSeconds(wait) + " s")
              .orElse(said);
      default -> said;
    };
  }

  /** A wait as people read it: whole seconds, rounded up, at least one. */
  static long wholeSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static String file(IOException e) {
    return switch (e) {
      case NoSuchFileException f -> "there is no file " + f.getFile();
      case AccessDeniedException f -> "you may not read or write " + f.getFile();
      case FileSystemException f ->
          f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
      default -> e.getMessage() == null ? e.toString() : e.getMessage();
    };
  }

  static int exitCode(Throwable failure) {
    return switch (failure) {
      case TextKeptException e -> exitCode(e.getCause());
      case CliRuntime.NotSignedInException e -> ExitCodes.NOT_SIGNED_IN;
      case DocumentRefs.UnresolvedException e ->
          e.ambiguous() ? ExitCodes.USAGE : ExitCodes.REFUSED;
      case RaftpadException e ->
          switch (e.reason()) {
            case UNAUTHENTICATED, BAD_CREDENTIALS, LOGIN_THROTTLED -> ExitCodes.NOT_SIGNED_IN;
            case UNAVAILABLE, DEADLINE_EXCEEDED, NO_QUORUM, NOT_LEADER, LLM_UNAVAILABLE ->
                ExitCodes.UNREACHABLE;
            default -> ExitCodes.REFUSED;
          };
      case TextSources.PatchException e -> ExitCodes.LOCAL;
      case IOException e -> ExitCodes.LOCAL;
      case UncheckedIOException e -> ExitCodes.LOCAL;
      case IllegalArgumentException e -> ExitCodes.USAGE;
      default -> ExitCodes.REFUSED;
    };
  }
}
