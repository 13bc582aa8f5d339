package dev.raftpad.raft.core;

/**
 * The state a node must persist before it answers any message that depends on it (Fig. 2):
 * currentTerm and votedFor, plus the commit index (persisted so a restarted node need not wait for
 * the leader to learn how far it may apply).
 *
 * @param votedFor the candidate voted for in {@code term}, or {@code null}
 */
public record HardState(long term, String votedFor, long commit) {
  public static final HardState INITIAL = new HardState(0, null, 0);

  public HardState {
    if (term < 0 || commit < 0) {
      throw new IllegalArgumentException("negative term or commit");
    }
  }
}
