package dev.raftpad.server.api;

import dev.raftpad.server.state.CommandResult;

/** Hears how each proposal of a {@link Replicator} ended and how long it took (the metrics). */
public interface ProposalTimer {
  /** Hears nothing. */
  ProposalTimer NONE = (nanos, result, failure) -> {};

  /**
   * Called once per proposal, on the thread that completed it (often the Raft loop): must be quick.
   *
   * @param nanos from the proposal to its outcome on this node
   * @param result the typed result, or null when it failed
   * @param failure why it failed (a {@code RaftException} mostly), or null
   */
  void ended(long nanos, CommandResult<?> result, Throwable failure);
}
