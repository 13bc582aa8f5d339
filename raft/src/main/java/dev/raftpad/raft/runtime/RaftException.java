package dev.raftpad.raft.runtime;

/** Why a proposal or a read did not complete. {@link #kind} tells the caller what to do. */
public final class RaftException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What happened, from the caller's point of view. */
  public enum Kind {
    /** This node is not the leader; nothing was appended. Retry at {@link #leaderHint}. */
    NOT_LEADER,
    /** Leadership is being transferred; nothing was appended. Retry shortly. */
    TRANSFER_IN_PROGRESS,
    /** Another membership change is not yet committed. */
    CONFIG_CHANGE_IN_PROGRESS,
    /** The membership change makes no sense (e.g. promoting a node that is not a learner). */
    INVALID_CONFIG_CHANGE,
    /** The entry was overwritten by a new leader: it was definitely not applied. */
    LOST,
    /** It may or may not have been applied (e.g. the node stopped, or skipped it by snapshot). */
    UNKNOWN_OUTCOME,
    /** A read could not be confirmed (leadership lost or no leader known). Retry. */
    READ_FAILED,
    /** The node is shutting down. */
    STOPPED
  }

  private final Kind kind;
  private final transient String leaderHint;

  public RaftException(Kind kind, String leaderHint, String message) {
    super(message);
    this.kind = kind;
    this.leaderHint = leaderHint;
  }

  public Kind kind() {
    return kind;
  }

  /** The leader this node knows of, or {@code null}. */
  public String leaderHint() {
    return leaderHint;
  }

  /** Whether the command certainly had no effect, so retrying cannot apply it twice. */
  public boolean definitelyNotApplied() {
    return kind != Kind.UNKNOWN_OUTCOME && kind != Kind.STOPPED;
  }
}
