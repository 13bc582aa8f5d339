package dev.raftpad.server.state;

/**
 * A command or snapshot in a format version this node does not read. Thrown out of the state
 * machine on purpose: the Raft loop stops on it (a node that skipped or guessed at the command
 * would diverge from the replicas that understood it), and a node whose stored snapshot is newer
 * than it refuses to start.
 */
public final class UnsupportedFormatException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  UnsupportedFormatException(String message) {
    super(message);
  }
}
