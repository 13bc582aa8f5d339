package dev.raftpad.raft.core;

import java.util.Objects;

/** A state-machine snapshot with its metadata. The data array is never modified once shared. */
public final class Snapshot {
  private final SnapshotMeta meta;
  private final byte[] data;

  public Snapshot(SnapshotMeta meta, byte[] data) {
    this.meta = Objects.requireNonNull(meta);
    this.data = Objects.requireNonNull(data);
  }

  public SnapshotMeta meta() {
    return meta;
  }

  /** The state machine's bytes; do not modify. */
  public byte[] data() {
    return data;
  }

  @Override
  public String toString() {
    return "Snapshot{" + meta + ", " + data.length + "B}";
  }
}
