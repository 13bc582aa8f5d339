package dev.raftpad.client.cli;

/** The CLI's exit codes, documented in {@code raftpad --help} and the module README. */
final class ExitCodes {
  static final int OK = 0;

  /** The cluster answered with a refusal: not found, not allowed, locked, invalid input... */
  static final int REFUSED = 1;

  /** The command line was wrong (picocli's own code for usage errors). */
  static final int USAGE = 2;

  /** No member of the cluster could be reached, or none could commit in time. */
  static final int UNREACHABLE = 3;

  /** Not signed in, the session expired, the password was wrong, or sign-ins are throttled. */
  static final int NOT_SIGNED_IN = 4;

  /** A local problem: a file could not be read or written, the editor failed. */
  static final int LOCAL = 5;

  private ExitCodes() {}
}
