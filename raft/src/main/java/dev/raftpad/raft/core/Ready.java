package dev.raftpad.raft.core;

import java.util.List;

/**
 * What the runtime must do after the node changed, in this order: send {@link
 * #sendBeforePersisting}; persist {@code snapshot}, {@code entries} and {@code hardState} (durably:
 * sync once); send {@link #sendAfterPersisting}; install the snapshot into the state machine and
 * apply {@code committed} in order; serve {@code readStates} once the applied index reaches them;
 * learn where {@code proposalOutcomes} (forwarded proposals) landed; then call {@link
 * RaftNode#advance}.
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
    List<ReadState> readStates,
    List<ProposalOutcome> proposalOutcomes) {

  public Ready {
    entries = List.copyOf(entries);
    committed = List.copyOf(committed);
    messages = List.copyOf(messages);
    readStates = List.copyOf(readStates);
    proposalOutcomes = List.copyOf(proposalOutcomes);
  }

  /**
   * The messages that do not depend on this node's pending writes: a leader's appends, heartbeats,
   * snapshots and transfer requests. Sending them before the local fsync lets the leader's and the
   * followers' disk writes overlap (thesis §10.2.1); it is safe because the leader counts its own
   * copy towards commitment only once it is durable.
   */
  public List<Message> sendBeforePersisting() {
    return messages.stream().filter(Ready::independentOfLocalWrites).toList();
  }

  /** Votes, acknowledgements and the rest: they vouch for local state, so they wait for it. */
  public List<Message> sendAfterPersisting() {
    return messages.stream().filter(m -> !independentOfLocalWrites(m)).toList();
  }

  private static boolean independentOfLocalWrites(Message message) {
    return message instanceof Message.AppendRequest
        || message instanceof Message.Heartbeat
        || message instanceof Message.InstallSnapshot
        || message instanceof Message.TimeoutNow
        // Where a command was appended vouches for nothing on disk (the requester waits for the
        // entry to commit), and sent before the appends it reaches the requester before its entry.
        || message instanceof Message.ProposeRequest
        || message instanceof Message.ProposeResponse;
  }

  /** Whether anything must be made durable before the messages may be sent. */
  public boolean mustSync() {
    return hardState != null || !entries.isEmpty() || snapshot != null;
  }
}
