package dev.raftpad.raft.core;

/**
 * The answer to a ReadIndex request: once the state machine has applied {@code index}, a read
 * started when the request was made can be served linearizably. {@code index == 0} means the
 * request failed (no leader, or leadership was lost) and the read must be retried elsewhere.
 */
public record ReadState(long requestId, long index) {
  public boolean failed() {
    return index == 0;
  }
}
