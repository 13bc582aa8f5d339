package dev.raftpad.raft.core;

import java.util.List;

/**
 * The messages Raft nodes exchange. Requests and responses are independent one-way messages, so a
 * leader can pipeline appends. Every message carries the sender's term; the term rules are applied
 * once, at the top of {@link RaftNode#step}, before any role sees the message.
 */
public sealed interface Message {
  String from();

  String to();

  long term();

  /** RequestVote (§5.2), or PreVote (thesis §9.6) which changes no term and no vote. */
  record VoteRequest(
      String from,
      String to,
      long term,
      long lastLogIndex,
      long lastLogTerm,
      boolean preVote,
      boolean leadershipTransfer)
      implements Message {}

  record VoteResponse(String from, String to, long term, boolean granted, boolean preVote)
      implements Message {}

  /** AppendEntries (§5.3), batched: any number of entries. */
  record AppendRequest(
      String from,
      String to,
      long term,
      long prevLogIndex,
      long prevLogTerm,
      List<Entry> entries,
      long leaderCommit)
      implements Message {
    public AppendRequest {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The answer to an append or a snapshot. On success {@code index} is the last index known to
   * match the leader. On rejection {@code index} is the prevLogIndex that did not match, and the
   * hints let the leader skip a whole term at a time: the follower's entry at that index has {@code
   * conflictTerm} and {@code conflictIndex} is the first index it holds of that term ({@code
   * conflictTerm == 0}: the follower's log ends at {@code conflictIndex - 1}).
   */
  record AppendResponse(
      String from,
      String to,
      long term,
      boolean success,
      long index,
      long conflictIndex,
      long conflictTerm)
      implements Message {}

  /**
   * Leader heartbeat. {@code commit} is capped at the follower's known match so it never commits
   * entries the follower may not have; {@code readRound} lets ReadIndex confirm leadership.
   */
  record Heartbeat(String from, String to, long term, long commit, long readRound)
      implements Message {}

  /**
   * The answer to a heartbeat. {@code lastIndex} lets the leader notice appends that were lost on
   * the way (the follower's log ends before what the leader believes it sent).
   */
  record HeartbeatResponse(String from, String to, long term, long readRound, long lastIndex)
      implements Message {}

  /** InstallSnapshot (Fig. 13). The transport streams the snapshot's data in chunks. */
  record InstallSnapshot(String from, String to, long term, Snapshot snapshot) implements Message {}

  /** Leadership transfer (thesis §3.10): start an election now, ignoring leader leases. */
  record TimeoutNow(String from, String to, long term) implements Message {}

  /** A follower asks the leader for a read index on behalf of a local read. */
  record ReadIndexRequest(String from, String to, long term, long requestId) implements Message {}

  /** The leader's answer; {@code readIndex} 0 means the leader could not serve it. */
  record ReadIndexResponse(String from, String to, long term, long requestId, long readIndex)
      implements Message {}

  /**
   * A follower hands a command to the leader on behalf of a local proposal (etcd's proposal
   * forwarding): a node that serves clients itself, without being the leader, can still write. A
   * class, not a record, for the same reason as {@link Entry}: the command is shared, never copied,
   * and must not be modified once the request exists.
   */
  final class ProposeRequest implements Message {
    private final String from;
    private final String to;
    private final long term;
    private final long requestId;
    private final byte[] data;

    public ProposeRequest(String from, String to, long term, long requestId, byte[] data) {
      this.from = from;
      this.to = to;
      this.term = term;
      this.requestId = requestId;
      this.data = data;
    }

    @Override
    public String from() {
      return from;
    }

    @Override
    public String to() {
      return to;
    }

    @Override
    public long term() {
      return term;
    }

    public long requestId() {
      return requestId;
    }

    /** The command, shared: do not modify it. */
    public byte[] data() {
      return data;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ProposeRequest that
          && from.equals(that.from)
          && to.equals(that.to)
          && term == that.term
          && requestId == that.requestId
          && java.util.Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(from, to, term, requestId, java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
      return "ProposeRequest[from=%s, to=%s, term=%d, requestId=%d, %d bytes]"
          .formatted(from, to, term, requestId, data.length);
    }
  }

  /**
   * The leader's answer to a {@link ProposeRequest}: where the command was appended ({@code index},
   * {@code entryTerm}), or, with {@code index} 0, why it was not ({@code rejection}).
   */
  record ProposeResponse(
      String from,
      String to,
      long term,
      long requestId,
      long index,
      long entryTerm,
      Proposal.Reason rejection)
      implements Message {}
}
