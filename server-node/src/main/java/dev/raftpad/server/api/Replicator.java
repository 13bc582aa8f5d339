package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Member;
import dev.raftpad.proto.v1.MemberRole;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.raft.core.Status;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.TypedCommand;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the services need from the cluster: propose a command (stamped with the leader's clock here,
 * never read again on apply), read the state linearizably, and describe the leader to a client that
 * reached a follower.
 */
public final class Replicator {
  private final RaftServer<CommandResult<?>> raft;
  private final CollabState state;
  private final Map<String, String> clientAddresses;
  private final Clock clock;
  private final Executor senders;
  private final OtherNodes otherNodes;
  private final ProposalTimer timer;

  /** A replicator that relays nothing to other nodes ({@link OtherNodes#NONE}). */
  public Replicator(
      RaftServer<CommandResult<?>> raft,
      CollabState state,
      Map<String, String> clientAddresses,
      Clock clock,
      Executor senders) {
    this(raft, state, clientAddresses, clock, senders, OtherNodes.NONE, ProposalTimer.NONE);
  }

  /**
   * @param senders where answers are encoded and written ({@link Replies}): proposals and reads
   *     complete on the Raft loop thread, which should only order writes
   * @param otherNodes where carets go for the streams the other members serve
   * @param timer hears each proposal's outcome and latency
   */
  public Replicator(
      RaftServer<CommandResult<?>> raft,
      CollabState state,
      Map<String, String> clientAddresses,
      Clock clock,
      Executor senders,
      OtherNodes otherNodes,
      ProposalTimer timer) {
    this.raft = raft;
    this.state = state;
    this.clientAddresses = clientAddresses;
    this.clock = clock;
    this.senders = senders;
    this.otherNodes = otherNodes;
    this.timer = timer;
  }

  /** The other members, for events that are relayed rather than logged. */
  OtherNodes otherNodes() {
    return otherNodes;
  }

  /** Where answers to clients are encoded and written, off the Raft loop thread. */
  Executor senders() {
    return senders;
  }

  public long now() {
    return clock.millis();
  }

  /**
   * Proposes a command stamped with this node's clock; completes with its typed result once
   * committed and applied on this node. An operation the caller already decoded is left for this
   * node's apply, so the leader decodes it once ({@code DecodedOperations}).
   */
  public <T> CompletableFuture<CommandResult<T>> propose(TypedCommand<T> command) {
    long start = System.nanoTime();
    byte[] bytes = command.toBytes(clock.millis());
    var decoded = state.decodedOperations();
    command.decoded().ifPresent(operation -> decoded.remember(bytes, operation));
    return timed(
        start,
        raft.propose(bytes)
            .whenComplete((result, failure) -> decoded.forget(bytes))
            .thenApply(command::resultOf));
  }

  /**
   * Like {@link #propose}, but a follower hands the command to the leader instead of refusing it,
   * and the result is this node's own apply of it: for the live streams a follower serves (ADR
   * 0014) — their presence and their edit channels' operations. The leader stamps the command with
   * its own clock again ({@link TypedCommand#restamped}), so the log's times stay the leader's.
   */
  public <T> CompletableFuture<CommandResult<T>> proposeFromAnyNode(TypedCommand<T> command) {
    Status status = raft.status();
    if (status.leaderId() != null
        && !status.leaderId().equals(status.id())
        && !otherNodes.forwards(status.leaderId())) {
      // A leader of an older version would end the peer link on a forwarded proposal (ADR 0017).
      return CompletableFuture.failedFuture(
          new dev.raftpad.raft.runtime.RaftException(
              dev.raftpad.raft.runtime.RaftException.Kind.NOT_LEADER,
              status.leaderId(),
              "the leader runs an older version, which takes no forwarded writes"));
    }
    long start = System.nanoTime();
    byte[] bytes = command.toBytes(clock.millis());
    var decoded = state.decodedOperations();
    command.decoded().ifPresent(operation -> decoded.remember(bytes, operation));
    return timed(
        start,
        raft.proposeFromAnyNode(bytes)
            .whenComplete((result, failure) -> decoded.forget(bytes))
            .thenApply(command::resultOf));
  }

  private <T> CompletableFuture<CommandResult<T>> timed(
      long start, CompletableFuture<CommandResult<T>> proposal) {
    return proposal.whenComplete(
        (result, failure) -> timer.ended(System.nanoTime() - start, result, failure));
  }

  /** Runs {@code query} on the state once every earlier write is applied here (ReadIndex). */
  public <T> CompletableFuture<T> read(Function<CollabState, T> query) {
    return raft.read(() -> query.apply(state));
  }

  /** Like {@link #read} when {@code allowStale} is false; else this node's applied state as is. */
  public <T> CompletableFuture<T> read(Function<CollabState, T> query, boolean allowStale) {
    return allowStale ? raft.readStale(() -> query.apply(state)) : read(query);
  }

  /** This node's Raft view as of its last loop round. Any thread. */
  public Status raftStatus() {
    return raft.status();
  }

  /**
   * Whether this node may serve live streams now (ADR 0014): it knows a leader and is it, or the
   * leader takes the writes a stream forwards and the carets it relays. A leader of an older
   * version does not (ADR 0017), so during a rolling upgrade it serves every stream itself. Any
   * thread.
   */
  public boolean servesStreams() {
    Status status = raft.status();
    String leader = status.leaderId();
    return leader != null && (leader.equals(status.id()) || otherNodes.forwards(leader));
  }

  /**
   * Whether every other member of the configuration applies images (format version 6), as far as
   * their last messages said: during a rolling upgrade a member of the previous release would stop
   * at the first image command. Any thread.
   */
  public boolean everyMemberStoresImages() {
    Status status = raft.status();
    java.util.Set<String> members = new java.util.TreeSet<>(status.membership().voters());
    members.addAll(status.membership().learners());
    members.remove(status.id());
    return members.stream().allMatch(otherNodes::storesImages);
  }

  public boolean isLeader() {
    return raft.status().role() == dev.raftpad.raft.core.RoleName.LEADER;
  }

  public CollabState state() {
    return state;
  }

  /** The redirect detail for a client that reached a node that is not the leader. */
  public NotLeader notLeader(String leaderHint) {
    Status status = raft.status();
    String leader = leaderHint != null ? leaderHint : status.leaderId();
    NotLeader.Builder detail = NotLeader.newBuilder().setTerm(status.term());
    if (leader != null) {
      detail.setLeaderId(leader).setLeaderAddress(clientAddresses.getOrDefault(leader, ""));
    }
    for (String voter : status.membership().voters()) {
      detail.addMembers(member(voter, MemberRole.MEMBER_ROLE_VOTER));
    }
    for (String learner : status.membership().learners()) {
      detail.addMembers(member(learner, MemberRole.MEMBER_ROLE_LEARNER));
    }
    return detail.build();
  }

  private Member member(String id, MemberRole role) {
    return Member.newBuilder()
        .setNodeId(id)
        .setClientAddress(clientAddresses.getOrDefault(id, ""))
        .setRole(role)
        .build();
  }
}
