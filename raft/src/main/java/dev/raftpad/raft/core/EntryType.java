package dev.raftpad.raft.core;

/** What a log entry carries. */
public enum EntryType {
  /**
   * Appended by a new leader at the start of its term so it can commit earlier entries (§5.4.2).
   */
  NOOP,
  /** An opaque state-machine command. */
  COMMAND,
  /** A membership change, encoded by {@link ConfigChangeCodec}. */
  CONFIG
}
