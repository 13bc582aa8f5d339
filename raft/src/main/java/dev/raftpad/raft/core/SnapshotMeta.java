package dev.raftpad.raft.core;

/**
 * What a snapshot covers: the state machine after applying every entry up to and including {@code
 * index} (of {@code term}), and the membership in force at that index.
 */
public record SnapshotMeta(long index, long term, Membership membership) {
  public static final SnapshotMeta NONE = new SnapshotMeta(0, 0, Membership.EMPTY);

  public SnapshotMeta {
    if (index < 0 || term < 0) {
      throw new IllegalArgumentException("negative snapshot index or term");
    }
  }
}
