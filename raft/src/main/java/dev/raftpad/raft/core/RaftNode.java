package dev.raftpad.raft.core;

import dev.raftpad.raft.core.Message.AppendRequest;
import dev.raftpad.raft.core.Message.AppendResponse;
import dev.raftpad.raft.core.Message.Heartbeat;
import dev.raftpad.raft.core.Message.HeartbeatResponse;
import dev.raftpad.raft.core.Message.InstallSnapshot;
import dev.raftpad.raft.core.Message.ProposeRequest;
import dev.raftpad.raft.core.Message.ProposeResponse;
import dev.raftpad.raft.core.Message.ReadIndexRequest;
import dev.raftpad.raft.core.Message.ReadIndexResponse;
import dev.raftpad.raft.core.Message.TimeoutNow;
import dev.raftpad.raft.core.Message.VoteRequest;
import dev.raftpad.raft.core.Message.VoteResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One Raft node as a pure state machine, in the manner of etcd's RawNode. It is driven by {@link
 * #tick}, {@link #step}, {@link #propose} and {@link #readIndex}; it answers with a {@link Ready}
 * that the runtime acts on before calling {@link #advance}. It does no I/O, starts no thread, reads
 * no clock and draws randomness only from the generator it is given, so a whole cluster can run
 * deterministically in one thread. Not thread-safe: one thread owns it.
 *
 * <p>Section numbers in comments refer to the Raft paper (Ongaro and Ousterhout, 2014) and to
 * Ongaro's thesis ("thesis §").
 */
public final class RaftNode {
  private final String id;
  private final RaftConfig config;
  private final RandomGenerator random;

  /** The membership at the first index before the log (the compaction point). */
  private Membership baseMembership;

  private final RaftLog log;

  private long term;
  private String votedFor;
  private String leaderId;
  private Role role = new Role.Follower();
  private Membership membership;

  /** Index of the config entry that defines {@link #membership}; 0 = snapshot or bootstrap. */
  private long configIndex;

  private SnapshotMeta snapshotMeta;

  /** The latest local snapshot, sent to followers whose entries were compacted. */
  private Snapshot latestSnapshot;

  private int electionElapsed;
  private int heartbeatElapsed;
  private int randomizedElectionTimeout;

  /**
   * This follower's connection to its leader broke ({@link #reportConnectionLost}) and no leader
   * has been heard since: it campaigns out of turn instead of waiting out the election timeout.
   */
  private boolean leaderLost;

  /**
   * The last pre-vote request ignored because this node was in its leader's lease. When the
   * leader's connection then breaks it is answered after all: the asking node lost the leader a
   * moment earlier, and would otherwise wait a tick to ask again.
   */
  private VoteRequest ignoredPreVote;

  private final List<Message> outbox = new ArrayList<>();
  private final List<ReadState> readStates = new ArrayList<>();
  private final List<ProposalOutcome> proposalOutcomes = new ArrayList<>();
  private HardState lastHardState;
  private SoftState lastSoftState;

  /**
   * How far this node's own log is known durable: what a leader counts as its own copy. Equal to
   * the persisted mark unless the runtime writes a leader's entries in the background.
   */
  private long durableIndex;

  /**
   * @param bootstrap the voters of a brand-new cluster, used only when nothing is stored: the node
   *     then starts its log with a {@link ConfigChange.Bootstrap} entry at index 1, term 1 — the
   *     same on every founding node. A node joining an existing cluster passes {@link
   *     Membership#EMPTY} and learns the membership from the leader's log or snapshot.
   */
  public RaftNode(
      String id,
      RaftConfig config,
      RandomGenerator random,
      HardState hardState,
      Snapshot snapshot,
      List<Entry> entries,
      Membership bootstrap) {
    this.id = Objects.requireNonNull(id);
    this.config = config;
    this.random = random;
    // Without a snapshot the founding membership is the base; a founding node's log starts with
    // the bootstrap entry anyway, and a joining node passes EMPTY and learns it by replication.
    this.baseMembership = snapshot == null ? bootstrap : snapshot.meta().membership();
    this.snapshotMeta = snapshot == null ? SnapshotMeta.NONE : snapshot.meta();
    this.latestSnapshot = snapshot;
    this.log = new RaftLog(snapshotMeta, entries, hardState.commit());
    this.term = hardState.term();
    this.votedFor = hardState.votedFor();
    this.lastHardState = hardState;
    this.durableIndex = log.persistedIndex();
    boolean nothingStored = snapshot == null && entries.isEmpty() && hardState.term() == 0;
    if (nothingStored && !bootstrap.voters().isEmpty()) {
      log.append(
          new Entry(
              1,
              1,
              EntryType.CONFIG,
              ConfigChangeCodec.encode(new ConfigChange.Bootstrap(bootstrap.voters()))));
      log.commitTo(1);
      this.term = 1;
    }
    recomputeMembership();
    resetRandomizedElectionTimeout();
    this.lastSoftState = softState();
  }

  /** A node of a brand-new cluster with nothing stored. */
  public static RaftNode bootstrap(
      String id, RaftConfig config, RandomGenerator random, Membership membership) {
    return new RaftNode(id, config, random, HardState.INITIAL, null, List.of(), membership);
  }

  // ------------------------------------------------------------------------------------------
  // Inputs.
  // ------------------------------------------------------------------------------------------

  /** Advances logical time by one tick. */
  public void tick() {
    switch (role) {
      case Role.Leader leader -> tickLeader(leader);
      default -> tickElection();
    }
  }

  private void tickElection() {
    electionElapsed++;
    if (isPromotable() && electionElapsed >= randomizedElectionTimeout) {
      electionElapsed = 0;
      startElection(false);
    } else if (leaderLost && role instanceof Role.PreCandidate preCandidate) {
      // A voter may have dropped our request because it still heard the leader then (its own
      // connection loss arrives a moment later): ask again whoever has not answered.
      for (String voter : membership.voters()) {
        if (!voter.equals(id) && !preCandidate.answered(voter)) {
          send(new VoteRequest(id, voter, term + 1, log.lastIndex(), log.lastTerm(), true, false));
        }
      }
    }
  }

  private void tickLeader(Role.Leader leader) {
    heartbeatElapsed++;
    electionElapsed++;
    if (electionElapsed >= config.electionTicks()) {
      electionElapsed = 0;
      if (config.checkQuorum() && !leader.quorumActive(membership, id)) {
        // Check-quorum (thesis §6.2): a leader cut off from a majority steps down, so clients
        // stop waiting on it and a new leader can be elected on the majority side.
        becomeFollower(term, null);
        return;
      }
      leader.resetRecentActive(id);
      leader.transferee = null; // a transfer that did not finish in an election timeout is over
    }
    if (heartbeatElapsed >= config.heartbeatTicks()) {
      heartbeatElapsed = 0;
      broadcastHeartbeat(leader);
    }
  }

  /** Starts an election now (for tests and for bootstrapping a single node). */
  public void campaign() {
    if (isPromotable() && !(role instanceof Role.Leader)) {
      startElection(false);
    }
  }

  /** Handles a message from another node. */
  public void step(Message m) {
    if (!m.to().equals(id)) {
      return;
    }
    if (m.term() > term) {
      if (m instanceof VoteRequest vote && !vote.leadershipTransfer() && inLeaderLease()) {
        // §6 of the thesis (and check-quorum): while we hear from a leader we refuse to help
        // depose it, so a partitioned node rejoining with a high term cannot disrupt the cluster.
        if (vote.preVote()) {
          ignoredPreVote = vote;
        }
        return;
      }
      boolean preVoteTraffic =
          (m instanceof VoteRequest vote && vote.preVote())
              || (m instanceof VoteResponse response && response.preVote() && response.granted());
      if (!preVoteTraffic) {
        // Fig. 2, all servers: a higher term makes us a follower of that term.
        boolean fromLeader =
            m instanceof AppendRequest || m instanceof Heartbeat || m instanceof InstallSnapshot;
        becomeFollower(m.term(), fromLeader ? m.from() : null);
      }
    } else if (m.term() < term) {
      if ((m instanceof AppendRequest || m instanceof Heartbeat)
          && (config.checkQuorum() || config.preVote())) {
        // A stale leader (e.g. healed from a partition) learns our term and steps down. Without
        // this it could keep its followers' pre-votes from ever succeeding.
        send(new AppendResponse(id, m.from(), term, false, 0, 0, 0));
      } else if (m instanceof VoteRequest vote && vote.preVote()) {
        send(new VoteResponse(id, m.from(), term, false, true));
      } else if (m instanceof ProposeRequest request) {
        // The requester waits for an answer; ours also tells it of the newer term.
        refuseProposal(request, Proposal.Reason.NOT_LEADER);
      }
      return; // Fig. 2: ignore anything else from an older term.
    }

    switch (m) {
      case VoteRequest vote -> handleVoteRequest(vote);
      case VoteResponse response -> handleVoteResponse(response);
      case AppendRequest append -> handleAppendAsNonLeader(append);
      case Heartbeat heartbeat -> handleHeartbeat(heartbeat);
      case InstallSnapshot install -> handleInstallSnapshot(install);
      case AppendResponse response -> {
        if (role instanceof Role.Leader leader) {
          handleAppendResponse(leader, response);
        }
      }
      case HeartbeatResponse response -> {
        if (role instanceof Role.Leader leader) {
          handleHeartbeatResponse(leader, response);
        }
      }
      case TimeoutNow timeoutNow -> {
        if (isPromotable() && !(role instanceof Role.Leader)) {
          startElection(true);
        }
      }
      case ReadIndexRequest request -> handleReadIndexRequest(request);
      case ReadIndexResponse response ->
          readStates.add(new ReadState(response.requestId(), response.readIndex()));
      case ProposeRequest request -> handleProposeRequest(request);
      case ProposeResponse response ->
          proposalOutcomes.add(
              new ProposalOutcome(
                  response.requestId(),
                  response.index() > 0
                      ? new Proposal.Accepted(response.index(), response.entryTerm())
                      : new Proposal.Rejected(response.rejection(), leaderId, refusal(response)),
                  // Only the leader of the request's term refusing before it appended is sure.
                  response.rejection() == Proposal.Reason.LEADERSHIP_TRANSFER_IN_PROGRESS));
    }
  }

  /**
   * Appends a command if this node is the leader.
   *
   * @return where it was appended, or why it was not
   */
  public Proposal propose(byte[] data) {
    if (!(role instanceof Role.Leader leader)) {
      return new Proposal.Rejected(Proposal.Reason.NOT_LEADER, leaderId, "not the leader");
    }
    if (leader.transferee != null) {
      return new Proposal.Rejected(
          Proposal.Reason.LEADERSHIP_TRANSFER_IN_PROGRESS,
          leaderId,
          "leadership is being transferred to " + leader.transferee);
    }
    Entry entry = new Entry(log.lastIndex() + 1, term, EntryType.COMMAND, data);
    appendAsLeader(leader, entry);
    return new Proposal.Accepted(entry.index(), term);
  }

  /**
   * Proposes a command through whichever node leads: appended here if this node is the leader, else
   * handed to the leader ({@link ProposeRequest}). The outcome comes back as a {@link
   * ProposalOutcome} with {@code requestId} in a later Ready — at once when this node leads or
   * knows no leader, else when the leader answers (or never: the runtime gives up after a while).
   */
  public void forward(long requestId, byte[] data) {
    if (role instanceof Role.Leader) {
      proposalOutcomes.add(new ProposalOutcome(requestId, propose(data), true));
    } else if (leaderId != null) {
      send(new ProposeRequest(id, leaderId, term, requestId, data));
    } else {
      proposalOutcomes.add(
          new ProposalOutcome(
              requestId,
              new Proposal.Rejected(Proposal.Reason.NOT_LEADER, null, "no leader is known"),
              true));
    }
  }

  private void handleProposeRequest(ProposeRequest request) {
    if (!(role instanceof Role.Leader leader)) {
      refuseProposal(request, Proposal.Reason.NOT_LEADER);
      return;
    }
    if (request.term() != term || !leader.firstForward(request.from(), request.requestId())) {
      // A request of an older term was refused above; one of a newer term made us a follower.
      // What is left is a duplicate of a request appended already: its first answer stands.
      return;
    }
    if (leader.transferee != null) {
      refuseProposal(request, Proposal.Reason.LEADERSHIP_TRANSFER_IN_PROGRESS);
      return;
    }
    // The answer goes out before the appends that carry the entry (see Ready), so on an ordered
    // link the requester knows what to wait for before the entry can reach it.
    long index = log.lastIndex() + 1;
    send(new ProposeResponse(id, request.from(), term, request.requestId(), index, term, null));
    appendAsLeader(leader, new Entry(index, term, EntryType.COMMAND, request.data()));
  }

  private void refuseProposal(ProposeRequest request, Proposal.Reason reason) {
    send(new ProposeResponse(id, request.from(), term, request.requestId(), 0, 0, reason));
  }

  private static String refusal(ProposeResponse response) {
    return switch (response.rejection()) {
      case NOT_LEADER -> response.from() + " is not the leader";
      case LEADERSHIP_TRANSFER_IN_PROGRESS -> "leadership is being transferred";
      case CONFIG_CHANGE_IN_PROGRESS, INVALID_CONFIG_CHANGE ->
          "refused by " + response.from() + ": " + response.rejection();
    };
  }

  /**
   * Proposes one membership change. Changes take effect when appended, one at a time, and only
   * after the leader committed an entry of its own term (thesis §4.1, and the fix of the
   * single-server change bug described on raft-dev in 2015).
   */
  public Proposal proposeConfigChange(ConfigChange change) {
    if (!(role instanceof Role.Leader leader)) {
      return new Proposal.Rejected(Proposal.Reason.NOT_LEADER, leaderId, "not the leader");
    }
    if (leader.transferee != null) {
      return new Proposal.Rejected(
          Proposal.Reason.LEADERSHIP_TRANSFER_IN_PROGRESS, leaderId, "transfer in progress");
    }
    if (log.term(log.committed()) != term || configIndex > log.committed()) {
      return new Proposal.Rejected(
          Proposal.Reason.CONFIG_CHANGE_IN_PROGRESS,
          leaderId,
          "a membership change is in progress or the new leader has not committed yet");
    }
    String invalid = validate(leader, change);
    if (invalid != null) {
      return new Proposal.Rejected(Proposal.Reason.INVALID_CONFIG_CHANGE, leaderId, invalid);
    }
    Entry entry =
        new Entry(log.lastIndex() + 1, term, EntryType.CONFIG, ConfigChangeCodec.encode(change));
    appendAsLeader(leader, entry);
    return new Proposal.Accepted(entry.index(), term);
  }

  private String validate(Role.Leader leader, ConfigChange change) {
    String target = change.nodeId();
    return switch (change) {
      case ConfigChange.Bootstrap bootstrap -> "only founding nodes write a bootstrap entry";
      case ConfigChange.AddLearner add ->
          membership.contains(target) ? target + " is already a member" : null;
      case ConfigChange.PromoteToVoter promote -> {
        if (!membership.isLearner(target)) {
          yield target + " is not a learner";
        }
        Progress progress = leader.progress.get(target);
        yield progress == null || progress.match < log.committed()
            ? target + " has not caught up (match " + (progress == null ? 0 : progress.match) + ")"
            : null;
      }
      case ConfigChange.RemoveNode remove -> {
        if (!membership.contains(target)) {
          yield target + " is not a member";
        }
        if (target.equals(id)) {
          yield "the leader cannot remove itself: transfer leadership first";
        }
        yield membership.isVoter(target) && membership.voters().size() == 1
            ? "cannot remove the last voter"
            : null;
      }
    };
  }

  /**
   * Asks for a linearizable read point. The answer arrives as a {@link ReadState} with the same
   * {@code requestId} in a later Ready: on the leader once a quorum confirmed its leadership after
   * the request (thesis §6.4), on a follower from the leader.
   */
  public void readIndex(long requestId) {
    if (role instanceof Role.Leader leader) {
      registerRead(leader, id, requestId);
    } else if (leaderId != null) {
      send(new ReadIndexRequest(id, leaderId, term, requestId));
    } else {
      readStates.add(new ReadState(requestId, 0));
    }
  }

  /**
   * Starts handing leadership to {@code target} (thesis §3.10): stop taking proposals, bring the
   * target up to date, then tell it to start an election at once.
   *
   * @return false if this node is not the leader or the target is not another voter
   */
  public boolean transferLeadership(String target) {
    if (!(role instanceof Role.Leader leader) || target.equals(id) || !membership.isVoter(target)) {
      return false;
    }
    if (target.equals(leader.transferee)) {
      return true;
    }
    leader.transferee = target;
    electionElapsed = 0;
    Progress progress = leader.progress.get(target);
    if (progress.match == log.lastIndex()) {
      send(new TimeoutNow(id, target, term));
    } else {
      // Even an empty append helps: a target that lost appends rejects it and is probed.
      sendAppend(leader, target, true);
    }
    return true;
  }

  /**
   * The transport's connection to {@code peer} broke: its process is gone (the operating system
   * reset the connection) or the network dropped it. A follower that loses its leader this way does
   * not wait out the election timeout. It stops honouring the leader's lease, answers a pre-vote it
   * ignored because of that lease, and stands for election at once if it is first in line (the
   * voters but the lost leader, by id), each later one {@link #fastElectionGap} ticks after the one
   * before, unless it granted a pre-vote meanwhile: so two followers that lose the same leader at
   * once seldom split the vote.
   *
   * <p>Only timing changes, so safety does not depend on it, and pre-vote keeps it from deposing a
   * leader the other voters still hear (they ignore pre-votes while in its lease). Off without
   * pre-vote, and with lease reads: a leader that serves reads from its lease counts on every
   * follower keeping that lease for a whole election timeout.
   */
  public void reportConnectionLost(String peer) {
    if (!config.preVote()
        || config.leaseReads()
        || !isPromotable()
        || !(role instanceof Role.Follower)
        || !peer.equals(leaderId)) {
      return;
    }
    leaderId = null;
    leaderLost = true;
    if (ignoredPreVote != null) {
      VoteRequest late = ignoredPreVote;
      ignoredPreVote = null;
      step(late); // we may stand aside for it (then we are no longer leaderLost)
    }
    if (!leaderLost || !(role instanceof Role.Follower)) {
      return;
    }
    List<String> line =
        membership.voters().stream().filter(voter -> !voter.equals(peer)).sorted().toList();
    int place = Math.max(0, line.indexOf(id));
    if (place == 0) {
      electionElapsed = 0;
      startElection(false);
    } else {
      electionElapsed =
          Math.max(electionElapsed, randomizedElectionTimeout - place * fastElectionGap());
    }
  }

  /**
   * Ticks between the fast elections of two followers in line: long enough for a pre-vote and a
   * vote round (with an fsync) to reach the next one, which then stands aside.
   */
  private int fastElectionGap() {
    return Math.max(1, config.electionTicks() / 5);
  }

  /** The transport could not reach {@code peer}: stop pipelining to it. */
  public void reportUnreachable(String peer) {
    if (role instanceof Role.Leader leader) {
      Progress progress = leader.progress.get(peer);
      if (progress != null && progress.state == Progress.State.REPLICATE) {
        progress.becomeProbe();
      }
    }
  }

  /** The transport finished (or gave up) sending a snapshot to {@code peer}. */
  public void reportSnapshot(String peer, boolean delivered) {
    if (role instanceof Role.Leader leader) {
      Progress progress = leader.progress.get(peer);
      if (progress != null && progress.state == Progress.State.SNAPSHOT) {
        // Either way probe next: on success the follower's answer moves it to REPLICATE; on
        // failure the next probe finds out what it needs (possibly another snapshot).
        progress.becomeProbe();
        if (delivered) {
          progress.probeSent = true;
        }
      }
    }
  }

  /**
   * Records a snapshot the local state machine took at {@code snapshot.meta().index()} (at most the
   * applied index) and discards the log entries it covers except the last {@code keepEntries},
   * which let a slightly lagging follower catch up without a snapshot.
   */
  public void compact(Snapshot snapshot, long keepEntries) {
    SnapshotMeta meta = snapshot.meta();
    if (meta.index() <= snapshotMeta.index()) {
      return;
    }
    if (log.term(meta.index()) != meta.term()) {
      throw new IllegalArgumentException("snapshot " + meta + " does not match the log");
    }
    snapshotMeta = meta;
    latestSnapshot = snapshot;
    long compactTo = Math.max(log.snapshotIndex(), meta.index() - keepEntries);
    if (compactTo > log.snapshotIndex()) {
      baseMembership = membershipAt(compactTo);
      log.compactTo(compactTo, log.term(compactTo));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Ready / advance.
  // ------------------------------------------------------------------------------------------

  /** Whether {@link #ready} has anything for the runtime. */
  public boolean hasReady() {
    return (role instanceof Role.Leader leader && leader.broadcastPending)
        || !outbox.isEmpty()
        || !readStates.isEmpty()
        || !proposalOutcomes.isEmpty()
        || log.hasUnstable()
        || log.hasToApply()
        || !hardState().equals(lastHardState)
        || !softState().equals(lastSoftState);
  }

  /** What the runtime must do now. Call {@link #advance} with it before calling this again. */
  public Ready ready() {
    if (role instanceof Role.Leader leader && leader.broadcastPending) {
      leader.broadcastPending = false;
      broadcastAppend(leader);
    }
    HardState hard = hardState();
    SoftState soft = softState();
    Ready ready =
        new Ready(
            soft.equals(lastSoftState) ? null : soft,
            hard.equals(lastHardState) ? null : hard,
            log.unstableEntries(),
            log.pendingSnapshot(),
            log.entriesToApply(),
            List.copyOf(outbox),
            List.copyOf(readStates),
            List.copyOf(proposalOutcomes));
    outbox.clear();
    readStates.clear();
    proposalOutcomes.clear();
    return ready;
  }

  /** The runtime persisted, sent and applied everything in {@code ready}. */
  public void advance(Ready ready) {
    advance(ready, true);
  }

  /**
   * Like {@link #advance(Ready)}. With {@code entriesDurable} false, not everything handed out so
   * far is durable yet (the runtime writes a leader's entries in the background, {@code
   * LeaderWrites}): the entries are not handed out again, but the leader counts its own copy
   * towards commitment only once {@link #entriesDurable} reports it.
   */
  public void advance(Ready ready, boolean entriesDurable) {
    if (ready.softState() != null) {
      lastSoftState = ready.softState();
    }
    if (ready.hardState() != null) {
      lastHardState = ready.hardState();
    }
    if (ready.snapshot() != null) {
      log.snapshotInstalled();
    }
    if (!ready.entries().isEmpty()) {
      log.persistedTo(ready.entries().getLast().index());
    }
    if (entriesDurable) {
      // Everything handed out so far is durable (a follower's log may also have become shorter).
      durableIndex = log.persistedIndex();
      countOwnCopy(durableIndex);
    }
    if (!ready.committed().isEmpty()) {
      log.appliedTo(ready.committed().getLast().index());
    }
  }

  /**
   * The runtime made this node's log durable up to {@code index} in the background: a leader now
   * counts its own copy of those entries towards commitment.
   */
  public void entriesDurable(long index) {
    long durable = Math.min(index, log.persistedIndex());
    if (durable > durableIndex) {
      durableIndex = durable;
      countOwnCopy(durable);
    }
  }

  private void countOwnCopy(long durable) {
    if (role instanceof Role.Leader leader
        && leader.progress.get(id).maybeUpdate(durable)
        && maybeCommit(leader)) {
      broadcastAppend(leader, true);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Observability.
  // ------------------------------------------------------------------------------------------

  public String id() {
    return id;
  }

  public RaftConfig config() {
    return config;
  }

  public long term() {
    return term;
  }

  public String leaderId() {
    return leaderId;
  }

  public boolean isLeader() {
    return role instanceof Role.Leader;
  }

  public Membership membership() {
    return membership;
  }

  public long lastIndex() {
    return log.lastIndex();
  }

  public long commitIndex() {
    return log.committed();
  }

  public long appliedIndex() {
    return log.applied();
  }

  /**
   * The membership in force at {@code index} (the latest configuration entry at or before it),
   * which is what a snapshot taken at that index must record.
   */
  public Membership membershipAt(long index) {
    if (index < log.snapshotIndex() || index > log.lastIndex()) {
      throw new IllegalArgumentException(
          "index "
              + index
              + " outside the log ["
              + log.snapshotIndex()
              + ", "
              + log.lastIndex()
              + "]");
    }
    return membershipBefore(index + 1);
  }

  /** The term of the entry at {@code index}, or -1 when compacted or absent. */
  public long termAt(long index) {
    return log.term(index);
  }

  public Status status() {
    Map<String, Status.FollowerStatus> followers = new HashMap<>();
    if (role instanceof Role.Leader leader) {
      leader.progress.forEach(
          (peer, p) ->
              followers.put(
                  peer,
                  new Status.FollowerStatus(
                      p.match,
                      p.next,
                      p.state.name(),
                      p.recentActive || p.activeInPreviousRound,
                      Math.max(0, log.lastIndex() - p.match))));
    }
    return new Status(
        id,
        term,
        roleName(),
        leaderId,
        log.committed(),
        log.applied(),
        log.lastIndex(),
        log.snapshotIndex(),
        membership,
        followers);
  }

  private RoleName roleName() {
    return switch (role) {
      case Role.Leader l -> RoleName.LEADER;
      case Role.Candidate c -> RoleName.CANDIDATE;
      case Role.PreCandidate p -> RoleName.PRE_CANDIDATE;
      case Role.Follower f -> membership.isVoter(id) ? RoleName.FOLLOWER : RoleName.LEARNER;
    };
  }

  private HardState hardState() {
    return new HardState(term, votedFor, log.committed());
  }

  private SoftState softState() {
    return new SoftState(roleName(), leaderId);
  }

  // ------------------------------------------------------------------------------------------
  // Elections (§5.2, thesis §9.6 pre-vote, thesis §3.10 transfer).
  // ------------------------------------------------------------------------------------------

  private boolean isPromotable() {
    return membership.isVoter(id);
  }

  private boolean inLeaderLease() {
    return config.checkQuorum() && leaderId != null && electionElapsed < config.electionTicks();
  }

  private void startElection(boolean transfer) {
    if (config.preVote() && !transfer) {
      becomePreCandidate();
      requestVotes(term + 1, true, false);
    } else {
      becomeCandidate();
      requestVotes(term, false, transfer);
    }
  }

  private void requestVotes(long electionTerm, boolean preVote, boolean transfer) {
    Role.Election election = (Role.Election) role;
    election.record(id, true);
    if (election.won(membership)) {
      onElectionWon(preVote);
      return;
    }
    for (String voter : membership.voters()) {
      if (!voter.equals(id)) {
        send(
            new VoteRequest(
                id, voter, electionTerm, log.lastIndex(), log.lastTerm(), preVote, transfer));
      }
    }
  }

  private void onElectionWon(boolean preVote) {
    if (preVote) {
      becomeCandidate();
      requestVotes(term, false, false);
    } else {
      becomeLeader();
    }
  }

  private void handleVoteRequest(VoteRequest request) {
    // §5.2 and §5.4.1: one vote per term, only for a candidate whose log is at least as up to
    // date as ours. A pre-vote is granted on the same log rule for a future term without
    // recording anything.
    boolean canVote =
        request.from().equals(votedFor)
            || (votedFor == null && leaderId == null)
            || (request.preVote() && request.term() > term);
    boolean upToDate = log.isUpToDate(request.lastLogIndex(), request.lastLogTerm());
    if (request.preVote() && leaderLost && canVote) {
      handleFastPreVote(request, upToDate);
      return;
    }
    if (canVote && upToDate) {
      send(new VoteResponse(id, request.from(), request.term(), true, request.preVote()));
      if (!request.preVote()) {
        electionElapsed = 0;
        votedFor = request.from();
      }
    } else {
      send(new VoteResponse(id, request.from(), term, false, request.preVote()));
    }
  }

  /**
   * A pre-vote request while this node campaigns out of turn after losing its leader: it stands
   * aside for a candidate with a log at least as good (between two pre-candidates with the same log
   * the one earlier in line goes on, so they do not both win their pre-votes and split the real
   * vote), and stands itself at once when its own log is better, since the asking node cannot win.
   */
  private void handleFastPreVote(VoteRequest request, boolean upToDate) {
    boolean sameLog =
        request.lastLogTerm() == log.lastTerm() && request.lastLogIndex() == log.lastIndex();
    boolean yield =
        upToDate && (role instanceof Role.Follower || !sameLog || request.from().compareTo(id) < 0);
    if (yield) {
      send(new VoteResponse(id, request.from(), request.term(), true, true));
      becomeFollower(term, null); // and wait a whole election timeout for it to win
      return;
    }
    send(new VoteResponse(id, request.from(), term, false, true));
    if (!upToDate && role instanceof Role.Follower) {
      startElection(false);
    }
  }

  private void handleVoteResponse(VoteResponse response) {
    if (!(role instanceof Role.Election election)
        || election.isPreVote() != response.preVote()
        || !membership.isVoter(response.from())) {
      return;
    }
    election.record(response.from(), response.granted());
    if (election.won(membership)) {
      onElectionWon(response.preVote());
    } else if (election.lost(membership)) {
      becomeFollower(term, null);
    }
  }

  private void becomeFollower(long newTerm, String leader) {
    Role previous = role;
    if (newTerm > term) {
      term = newTerm;
      votedFor = null;
    }
    if (previous instanceof Role.Leader leaderRole) {
      failPendingReads(leaderRole);
    }
    role = new Role.Follower();
    leaderId = leader;
    leaderLost = false;
    electionElapsed = 0;
    heartbeatElapsed = 0;
    resetRandomizedElectionTimeout();
  }

  private void becomePreCandidate() {
    role = new Role.PreCandidate();
    leaderId = null;
    electionElapsed = 0;
    resetRandomizedElectionTimeout();
  }

  private void becomeCandidate() {
    term++;
    votedFor = id;
    role = new Role.Candidate();
    leaderId = null;
    leaderLost = false;
    electionElapsed = 0;
    resetRandomizedElectionTimeout();
  }

  private void becomeLeader() {
    Role.Leader leader = new Role.Leader();
    role = leader;
    leaderId = id;
    electionElapsed = 0;
    heartbeatElapsed = 0;
    syncProgress(leader);
    // §5.4.2 / §8: a new leader cannot know which earlier entries are committed until it commits
    // one of its own term, so it appends a no-op at once.
    appendAsLeader(leader, Entry.noop(log.lastIndex() + 1, term));
  }

  private void resetRandomizedElectionTimeout() {
    randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
  }

  // ------------------------------------------------------------------------------------------
  // Replication, leader side (§5.3, §5.4; etcd-style probe/replicate/snapshot progress).
  // ------------------------------------------------------------------------------------------

  private void appendAsLeader(Role.Leader leader, Entry entry) {
    log.append(entry);
    if (entry.type() == EntryType.CONFIG) {
      membership = ConfigChangeCodec.decode(entry.data()).applyTo(membership);
      configIndex = entry.index();
      syncProgress(leader);
    }
    // The leader counts its own copy only once it is durable (see advance), so it may send
    // appends before its own fsync and the two disk writes overlap (thesis §10.2.1).
    leader.broadcastPending = true;
  }

  /** Adds progress for new members and drops it for removed ones. */
  private void syncProgress(Role.Leader leader) {
    leader.progress.keySet().removeIf(peer -> !membership.contains(peer) && !peer.equals(id));
    for (String peer : membership.all()) {
      leader.progress.computeIfAbsent(
          peer,
          p -> {
            Progress progress =
                new Progress(
                    log.lastIndex() + 1, config.maxInflightAppends(), config.maxInflightBytes());
            progress.recentActive = true;
            return progress;
          });
    }
    leader
        .progress
        .computeIfAbsent(id, p -> new Progress(log.lastIndex() + 1, 1, Long.MAX_VALUE))
        .maybeUpdate(Math.min(durableIndex, log.persistedIndex()));
  }

  private void broadcastAppend(Role.Leader leader) {
    broadcastAppend(leader, false);
  }

  /**
   * @param evenIfEmpty also send appends with no entries, to spread a new commit index at once
   *     rather than at the next heartbeat
   */
  private void broadcastAppend(Role.Leader leader, boolean evenIfEmpty) {
    for (String peer : leader.progress.keySet()) {
      if (!peer.equals(id)) {
        sendAppend(leader, peer, evenIfEmpty);
      }
    }
  }

  private void sendAppend(Role.Leader leader, String peer) {
    sendAppend(leader, peer, false);
  }

  /** Sends the next batch to {@code peer} unless its window is full or it is being probed. */
  private void sendAppend(Role.Leader leader, String peer, boolean evenIfEmpty) {
    Progress progress = leader.progress.get(peer);
    if (progress.isPaused()) {
      return;
    }
    long prevIndex = progress.next - 1;
    long prevTerm = log.term(prevIndex);
    if (prevTerm == -1 || progress.next < log.firstIndex()) {
      sendSnapshot(progress, peer);
      return;
    }
    List<Entry> entries =
        progress.next <= log.lastIndex()
            ? log.entriesFrom(progress.next, config.maxBytesPerAppend())
            : List.of();
    if (entries.isEmpty() && progress.state == Progress.State.REPLICATE && !evenIfEmpty) {
      return; // nothing new to send
    }
    send(new AppendRequest(id, peer, term, prevIndex, prevTerm, entries, log.committed()));
    progress.sentCommit =
        Math.max(progress.sentCommit, Math.min(log.committed(), prevIndex + entries.size()));
    if (!entries.isEmpty()) {
      long bytes = entries.stream().mapToLong(Entry::size).sum();
      progress.sentEntries(entries.getLast().index(), bytes);
    } else if (progress.state == Progress.State.PROBE) {
      progress.probeSent = true; // an empty probe still waits for its answer
    }
  }

  private void sendSnapshot(Progress progress, String peer) {
    if (latestSnapshot == null) {
      throw new IllegalStateException("entries for " + peer + " were compacted but no snapshot");
    }
    send(new InstallSnapshot(id, peer, term, latestSnapshot));
    progress.becomeSnapshot(latestSnapshot.meta().index());
  }

  private void handleAppendResponse(Role.Leader leader, AppendResponse response) {
    Progress progress = leader.progress.get(response.from());
    if (progress == null) {
      return;
    }
    progress.recentActive = true;
    if (!response.success()) {
      if (response.index() == 0) {
        return; // the stale-leader notice of a newer term; nothing to learn at our term
      }
      long retryFrom = retryPoint(response);
      if (progress.maybeDecreaseTo(response.index(), retryFrom)) {
        if (progress.state == Progress.State.REPLICATE) {
          progress.becomeProbe();
          progress.next = Math.max(progress.match + 1, Math.min(retryFrom, response.index()));
        }
        sendAppend(leader, response.from());
      }
      return;
    }
    boolean updated = progress.maybeUpdate(response.index());
    switch (progress.state) {
      case PROBE -> progress.becomeReplicate();
      case SNAPSHOT -> {
        if (progress.match >= progress.pendingSnapshot) {
          progress.becomeProbe();
          progress.becomeReplicate();
        }
      }
      case REPLICATE -> {}
    }
    if (updated && maybeCommit(leader)) {
      broadcastAppend(leader, true);
    } else {
      // Tell a follower that missed the broadcast of the latest commit index (it was busy being
      // probed) right away rather than at the next heartbeat.
      boolean behindOnCommit = progress.sentCommit < Math.min(log.committed(), progress.match);
      sendAppend(leader, response.from(), behindOnCommit);
    }
    if (response.from().equals(leader.transferee) && progress.match == log.lastIndex()) {
      send(new TimeoutNow(id, response.from(), term));
    }
  }

  /**
   * Where to retry after a rejection, from the follower's hints: skip the follower's whole
   * conflicting term, or to just past its last entry.
   */
  private long retryPoint(AppendResponse response) {
    if (response.conflictTerm() == 0) {
      return response.conflictIndex();
    }
    long ourLast = log.lastIndexOfTerm(response.conflictTerm());
    return ourLast > 0 ? ourLast + 1 : response.conflictIndex();
  }

  /**
   * §5.3–§5.4.2: the commit index advances to the highest index stored on a majority of voters, but
   * only by counting replicas of an entry from the current term.
   *
   * @return whether the commit index moved
   */
  private boolean maybeCommit(Role.Leader leader) {
    long[] matches =
        membership.voters().stream()
            .mapToLong(
                voter -> leader.progress.containsKey(voter) ? leader.progress.get(voter).match : 0)
            .sorted()
            .toArray();
    if (matches.length == 0) {
      return false;
    }
    long majorityMatch = matches[matches.length - membership.quorum()];
    if (majorityMatch > log.committed() && log.term(majorityMatch) == term) {
      log.commitTo(majorityMatch);
      onCommitAdvanced(leader);
      return true;
    }
    return false;
  }

  private void onCommitAdvanced(Role.Leader leader) {
    if (log.term(log.committed()) == term && !leader.readsAwaitingTermCommit.isEmpty()) {
      var waiting = new ArrayList<>(leader.readsAwaitingTermCommit);
      leader.readsAwaitingTermCommit.clear();
      for (Role.PendingRead read : waiting) {
        registerRead(leader, read.from(), read.requestId());
      }
    }
  }

  private void broadcastHeartbeat(Role.Leader leader) {
    for (Map.Entry<String, Progress> e : leader.progress.entrySet()) {
      if (!e.getKey().equals(id)) {
        long commit = Math.min(e.getValue().match, log.committed());
        send(new Heartbeat(id, e.getKey(), term, commit, leader.readRound));
        e.getValue().sentCommit = Math.max(e.getValue().sentCommit, commit);
      }
    }
  }

  private void handleHeartbeatResponse(Role.Leader leader, HeartbeatResponse response) {
    Progress progress = leader.progress.get(response.from());
    if (progress == null) {
      return;
    }
    progress.recentActive = true;
    progress.probeSent = false;
    progress.ackedReadRound = Math.max(progress.ackedReadRound, response.readRound());
    if (progress.state == Progress.State.REPLICATE
        && (progress.isPaused() || response.lastIndex() < progress.next - 1)) {
      // Appends we pipelined were lost on the way (the follower's log ends before them, or the
      // window filled up without answers): fall back to probing so they are sent again.
      progress.becomeProbe();
    }
    if (progress.match < log.lastIndex()) {
      // Even an empty append helps: if the follower's acknowledgement was lost, it answers again
      // and the leader learns its match (otherwise its commit index would stay behind forever).
      sendAppend(leader, response.from(), true);
    }
    releaseConfirmedReads(leader);
  }

  // ------------------------------------------------------------------------------------------
  // Replication, follower side.
  // ------------------------------------------------------------------------------------------

  private void followLeader(String leader) {
    if (!(role instanceof Role.Follower)) {
      becomeFollower(term, leader);
    }
    leaderId = leader;
    leaderLost = false;
    ignoredPreVote = null;
    electionElapsed = 0;
  }

  private void handleAppendAsNonLeader(AppendRequest append) {
    if (role instanceof Role.Leader) {
      throw new IllegalStateException("two leaders in term " + term); // election safety
    }
    followLeader(append.from());
    if (append.prevLogIndex() < log.committed()) {
      // Everything up to our commit index already matches the leader (Log Matching); answering
      // with it lets a leader that is behind in its knowledge catch up without a conflict.
      send(new AppendResponse(id, append.from(), term, true, log.committed(), 0, 0));
      return;
    }
    if (log.matchTerm(append.prevLogIndex(), append.prevLogTerm())) {
      boolean touchesConfig =
          append.entries().stream().anyMatch(e -> e.type() == EntryType.CONFIG)
              || (configIndex > append.prevLogIndex());
      long lastNew = log.appendAfter(append.prevLogIndex(), append.entries());
      if (touchesConfig) {
        recomputeMembership();
      }
      log.commitTo(Math.min(append.leaderCommit(), lastNew));
      send(new AppendResponse(id, append.from(), term, true, lastNew, 0, 0));
      return;
    }
    long conflictIndex;
    long conflictTerm;
    if (append.prevLogIndex() > log.lastIndex()) {
      conflictIndex = log.lastIndex() + 1;
      conflictTerm = 0;
    } else {
      conflictTerm = log.term(append.prevLogIndex());
      conflictIndex = log.firstIndexOfTermAt(append.prevLogIndex());
    }
    send(
        new AppendResponse(
            id, append.from(), term, false, append.prevLogIndex(), conflictIndex, conflictTerm));
  }

  private void handleHeartbeat(Heartbeat heartbeat) {
    if (role instanceof Role.Leader) {
      throw new IllegalStateException("two leaders in term " + term);
    }
    followLeader(heartbeat.from());
    log.commitTo(Math.min(heartbeat.commit(), log.lastIndex()));
    send(new HeartbeatResponse(id, heartbeat.from(), term, heartbeat.readRound(), log.lastIndex()));
  }

  private void handleInstallSnapshot(InstallSnapshot install) {
    if (role instanceof Role.Leader) {
      throw new IllegalStateException("two leaders in term " + term);
    }
    followLeader(install.from());
    SnapshotMeta meta = install.snapshot().meta();
    if (meta.index() <= log.committed()) {
      // Stale or duplicate: we already have (and may have applied) everything it holds. Installing
      // it would roll the state machine back.
      send(new AppendResponse(id, install.from(), term, true, log.committed(), 0, 0));
      return;
    }
    if (log.matchTerm(meta.index(), meta.term())) {
      // Fig. 13 step 6: our log already contains the snapshot's last entry; keep what follows.
      log.commitTo(meta.index());
      send(new AppendResponse(id, install.from(), term, true, log.lastIndex(), 0, 0));
      return;
    }
    // Fig. 13 step 7: discard the whole log and take the snapshot.
    log.restore(install.snapshot());
    snapshotMeta = meta;
    latestSnapshot = install.snapshot();
    baseMembership = meta.membership();
    recomputeMembership();
    send(new AppendResponse(id, install.from(), term, true, meta.index(), 0, 0));
  }

  /** The membership defined by the latest configuration entry in the log, else the snapshot's. */
  private void recomputeMembership() {
    for (long i = log.lastIndex(); i > log.snapshotIndex(); i--) {
      Entry entry = log.entry(i);
      if (entry.type() == EntryType.CONFIG) {
        Membership base = membershipBefore(i);
        membership = ConfigChangeCodec.decode(entry.data()).applyTo(base);
        configIndex = i;
        return;
      }
    }
    configIndex = 0;
    membership = baseMembership;
  }

  private Membership membershipBefore(long index) {
    for (long i = index - 1; i > log.snapshotIndex(); i--) {
      Entry entry = log.entry(i);
      if (entry.type() == EntryType.CONFIG) {
        return ConfigChangeCodec.decode(entry.data()).applyTo(membershipBefore(i));
      }
    }
    return baseMembership;
  }

  // ------------------------------------------------------------------------------------------
  // ReadIndex (thesis §6.4).
  // ------------------------------------------------------------------------------------------

  private void handleReadIndexRequest(ReadIndexRequest request) {
    if (role instanceof Role.Leader leader) {
      registerRead(leader, request.from(), request.requestId());
    } else {
      send(new ReadIndexResponse(id, request.from(), term, request.requestId(), 0));
    }
  }

  private void registerRead(Role.Leader leader, String from, long requestId) {
    if (log.term(log.committed()) != term) {
      // Until it commits an entry of its term the leader does not know the commit index.
      leader.readsAwaitingTermCommit.add(new Role.PendingRead(from, requestId, 0, 0));
      return;
    }
    long readIndex = log.committed();
    if (membership.voters().size() == 1 || config.leaseReads()) {
      answerRead(from, requestId, readIndex);
      return;
    }
    leader.readRound++;
    leader.pendingReads.add(new Role.PendingRead(from, requestId, readIndex, leader.readRound));
    broadcastHeartbeat(leader);
  }

  private void releaseConfirmedReads(Role.Leader leader) {
    while (!leader.pendingReads.isEmpty()) {
      Role.PendingRead read = leader.pendingReads.peekFirst();
      long acks =
          membership.voters().stream()
              .filter(
                  voter ->
                      voter.equals(id)
                          || (leader.progress.containsKey(voter)
                              && leader.progress.get(voter).ackedReadRound >= read.round()))
              .count();
      if (acks < membership.quorum()) {
        return;
      }
      leader.pendingReads.pollFirst();
      answerRead(read.from(), read.requestId(), read.index());
    }
  }

  private void answerRead(String from, long requestId, long readIndex) {
    if (from.equals(id)) {
      readStates.add(new ReadState(requestId, readIndex));
    } else {
      send(new ReadIndexResponse(id, from, term, requestId, readIndex));
    }
  }

  private void failPendingReads(Role.Leader leader) {
    List<Role.PendingRead> all = new ArrayList<>(leader.pendingReads);
    all.addAll(leader.readsAwaitingTermCommit);
    for (Role.PendingRead read : all) {
      answerRead(read.from(), read.requestId(), 0);
    }
    leader.pendingReads.clear();
    leader.readsAwaitingTermCommit.clear();
  }

  private void send(Message message) {
    outbox.add(message);
  }
}
