package dev.raftpad.raft.core;

/** The outcome of handing a proposal to the node. */
public sealed interface Proposal {
  /**
   * The entry was appended at {@code index} in {@code term}. It is committed only if the entry
   * applied at that index has the same term; otherwise it was lost to a leader change.
   */
  record Accepted(long index, long term) implements Proposal {}

  /** Nothing was appended. */
  record Rejected(Reason reason, String leaderId, String detail) implements Proposal {}

  /** Why a proposal was refused. */
  enum Reason {
    NOT_LEADER,
    LEADERSHIP_TRANSFER_IN_PROGRESS,
    CONFIG_CHANGE_IN_PROGRESS,
    INVALID_CONFIG_CHANGE
  }
}
