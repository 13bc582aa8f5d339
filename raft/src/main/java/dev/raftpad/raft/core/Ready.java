package dev.raftpad.raft.core;

import java.util.List;

/**
 * What the runtime must do after the node changed, in this order: persist {@code snapshot}, {@code
 * entries} and {@code hardState} (durably: sync once); then send {@code messages}; then install the
 * snapshot into the state machine and apply {@code committed} in order; then serve {@code
 * readStates} once the applied index reaches them; then call {@link RaftNode#advance}.
 *
 * @param softState the new role and leader, or {@code null} if they did not change
 * @param hardState the hard state to persist, or {@code null} if it did not change
 * @param snapshot a snapshot from the leader to persist and install, or {@code null}
 */
public record Ready(
    SoftState softState,
    HardState hardState,
    List<Entry> entries,
    Snapshot snapshot,
    List<Entry> committed,
    List<Message> messages,
    List<ReadState> readStates) {

  public Ready {
    entries = List.copyOf(entries);
    committed = List.copyOf(committed);
    messages = List.copyOf(messages);
    readStates = List.copyOf(readStates);
  }

  /** Whether anything must be made durable before the messages may be sent. */
  public boolean mustSync() {
    return hardState != null || !entries.isEmpty() || snapshot != null;
  }
}
