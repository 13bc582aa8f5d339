package dev.raftpad.raft.runtime;

import dev.raftpad.raft.core.ConfigChange;
import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.Proposal;
import dev.raftpad.raft.core.ProposalOutcome;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.core.RaftNode;
import dev.raftpad.raft.core.ReadState;
import dev.raftpad.raft.core.Ready;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.StateMachine;
import dev.raftpad.raft.spi.Storage;
import dev.raftpad.raft.spi.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Drives one {@link RaftNode}: acts on each Ready in the order persist → send → apply → advance,
 * completes proposals when their entry is applied, serves reads once their read index is applied,
 * and takes snapshots to compact the log (encoded and written by a {@link SnapshotWriter}).
 * Deterministic and single-threaded when that writer is inline: the threaded {@link RaftServer} and
 * the simulation tests both use it, so the simulation tests this very code.
 *
 * @param <R> the state machine's result type
 */
public final class NodeDriver<R> {
  /**
   * When to snapshot: once {@code everyEntries} entries were applied since the last snapshot, and
   * their commands add up to at least {@code growth} times the last snapshot's size, keeping the
   * last {@code keepEntries} in the log for followers that are only a little behind.
   *
   * <p>Why the growth rule: a state that keeps its history (every revision of every document) is
   * about as big as the log that built it, so snapshotting it every N entries costs O(n²) over a
   * node's life; the last crowded-document profile spent as much CPU on snapshots as on the Raft
   * loop. With growth 1 the snapshots come at doublings and their total cost is at most the log's
   * own, while a restart replays at most about a snapshot's worth of log. Growth 0 snapshots every
   * {@code everyEntries} exactly (tests that want snapshots often).
   */
  public record SnapshotPolicy(long everyEntries, long keepEntries, double growth) {
    public static final SnapshotPolicy DEFAULT = new SnapshotPolicy(10_000, 1_000, 1.0);

    public SnapshotPolicy {
      if (everyEntries < 1 || keepEntries < 0 || !(growth >= 0)) {
        throw new IllegalArgumentException(
            "snapshot policy needs everyEntries >= 1, keepEntries >= 0 and growth >= 0: "
                + everyEntries
                + ", "
                + keepEntries
                + ", "
                + growth);
      }
    }

    /** Exactly every {@code everyEntries} entries, whatever the snapshot's size. */
    public SnapshotPolicy(long everyEntries, long keepEntries) {
      this(everyEntries, keepEntries, 0);
    }

    boolean due(long entriesSince, long commandBytesSince, long lastSnapshotBytes) {
      return entriesSince >= everyEntries && commandBytesSince >= growth * lastSnapshotBytes;
    }
  }

  /**
   * Where the node's own snapshots are encoded and written: a big state takes a while to encode and
   * fsync, and on the loop thread that time would stall every write of the cluster. The loop only
   * captures the state ({@link StateMachine#snapshot}); {@code worker} encodes and writes it, then
   * runs {@code wakeLoop}, and the loop's next round compacts the log.
   */
  public record SnapshotWriter(Executor worker, Runnable wakeLoop) {
    /** On the loop thread, at once: deterministic, for the simulation. */
    public static final SnapshotWriter INLINE = new SnapshotWriter(Runnable::run, () -> {});
  }

  /**
   * Where a leader's own appends are written and fsynced ({@link LeaderWrites}): {@code worker}
   * runs the writes, then {@code wakeLoop}, and the loop's next round counts them. Unless set,
   * every write happens on the loop, in the round that made it (deterministic, as the simulation
   * needs by default).
   */
  public record LogWriter(Executor worker, Runnable wakeLoop) {}

  /** A snapshot the writer finished, or why it failed. */
  private record WrittenSnapshot(Snapshot snapshot, Exception failure) {}

  private record PendingProposal(long term, CompletableFuture<Object> future) {}

  private record PendingRead(long index, Runnable serve) {}

  /**
   * A proposal handed to the leader, waiting to hear where it was appended. {@code appliedAtSend}
   * bounds its index from below (the leader appends after its commit index, which is at least
   * ours), so results applied after it are kept in case the entry is applied before the answer
   * arrives.
   */
  private record PendingForward(
      long term, long appliedAtSend, long sentAtTick, CompletableFuture<Object> future) {}

  /** An applied entry's term and result, kept while forwarded proposals await their answer. */
  private record AppliedResult(long term, Object result) {}

  /**
   * How many ticks a forwarded proposal waits for the leader's answer: two election timeouts,
   * longer than any healthy round trip and enough for a new leader to be elected meanwhile.
   */
  private static final int FORWARD_ANSWER_TICKS_FACTOR = 2;

  private final RaftNode node;
  private final Storage storage;
  private final Transport transport;
  private final StateMachine<R> stateMachine;
  private final SnapshotPolicy snapshotPolicy;
  private SnapshotWriter snapshotWriter = SnapshotWriter.INLINE;
  private LeaderWrites leaderWrites; // null: a leader writes on the loop too

  /** The hard state last handed to storage: a background write never changes term or vote. */
  private HardState handedHardState;

  private final Queue<WrittenSnapshot> writtenSnapshots = new ConcurrentLinkedQueue<>();
  private boolean snapshotInFlight;
  private boolean autoPromoteLearners = true;

  private final TreeMap<Long, PendingProposal> proposals = new TreeMap<>();
  private final Map<Long, Runnable> readsAwaitingIndex = new HashMap<>();
  private final Map<Long, CompletableFuture<?>> readFutures = new HashMap<>();
  private final PriorityQueue<PendingRead> readsAwaitingApply =
      new PriorityQueue<>((a, b) -> Long.compare(a.index(), b.index()));
  private long nextReadId = 1;
  private final Map<Long, PendingForward> forwards = new HashMap<>();
  private final TreeMap<Long, AppliedResult> appliedWhileForwarding = new TreeMap<>();

  /**
   * Request ids of forwarded proposals start at a random point, so a restarted node's requests are
   * not mistaken by the leader for duplicates of its earlier ones (the leader remembers what it
   * appended in its term).
   */
  private long nextForwardId;

  private long ticks;
  private UnaryOperator<byte[]> forwardedCommandStamp = UnaryOperator.identity();
  private long appliedIndex;
  private long lastSnapshotIndex;
  private long lastSnapshotBytes;
  private long commandBytesSinceSnapshot;

  private NodeDriver(
      RaftNode node,
      Storage storage,
      Transport transport,
      StateMachine<R> stateMachine,
      SnapshotPolicy snapshotPolicy,
      long appliedIndex,
      long snapshotBytes) {
    this.node = node;
    this.storage = storage;
    this.transport = transport;
    this.stateMachine = stateMachine;
    this.snapshotPolicy = snapshotPolicy;
    this.appliedIndex = appliedIndex;
    this.lastSnapshotIndex = appliedIndex;
    this.lastSnapshotBytes = snapshotBytes;
  }

  /**
   * Recovers a node from its storage: restores the state machine from the stored snapshot; the
   * committed entries after it are applied again by the first Ready.
   *
   * @param bootstrap the membership of a brand-new cluster ({@link Membership#EMPTY} to join one)
   */
  public static <R> NodeDriver<R> open(
      String id,
      RaftConfig config,
      RandomGenerator random,
      Storage storage,
      Transport transport,
      StateMachine<R> stateMachine,
      Membership bootstrap,
      SnapshotPolicy snapshotPolicy)
      throws IOException {
    Storage.Recovered recovered = storage.recover();
    long applied = 0;
    long snapshotBytes = 0;
    if (recovered.snapshot() != null) {
      stateMachine.restore(recovered.snapshot().meta(), recovered.snapshot().data());
      applied = recovered.snapshot().meta().index();
      snapshotBytes = recovered.snapshot().data().length;
    }
    RaftNode node =
        new RaftNode(
            id,
            config,
            random,
            recovered.hardState(),
            recovered.snapshot(),
            recovered.entries(),
            bootstrap);
    NodeDriver<R> driver =
        new NodeDriver<>(
            node, storage, transport, stateMachine, snapshotPolicy, applied, snapshotBytes);
    driver.nextForwardId = 1 + random.nextLong(Long.MAX_VALUE / 2);
    driver.handedHardState = recovered.hardState();
    return driver;
  }

  public RaftNode node() {
    return node;
  }

  /**
   * Whether a leader promotes learners to voters by itself once they have caught up (the default;
   * turn it off to keep read-only learners).
   */
  public NodeDriver<R> autoPromoteLearners(boolean enabled) {
    this.autoPromoteLearners = enabled;
    return this;
  }

  /** Where snapshots are encoded and written ({@link SnapshotWriter#INLINE} unless set). */
  public NodeDriver<R> snapshotWriter(SnapshotWriter writer) {
    this.snapshotWriter = writer;
    return this;
  }

  /**
   * Lets a leader write and fsync its own appends on {@code writer}'s worker instead of the loop
   * ({@link LeaderWrites}). Call before the first {@link #process}.
   */
  public NodeDriver<R> logWriter(LogWriter writer) {
    this.leaderWrites = new LeaderWrites(storage, writer);
    return this;
  }

  public long appliedIndex() {
    return appliedIndex;
  }

  // ------------------------------------------------------------------------------------------
  // Inputs.
  // ------------------------------------------------------------------------------------------

  /**
   * What the leader does to a command a follower forwarded before appending it — e.g. stamp it with
   * the leader's clock, as commands proposed at the leader are. Runs on the loop thread.
   */
  public NodeDriver<R> forwardedCommandStamp(UnaryOperator<byte[]> stamp) {
    this.forwardedCommandStamp = stamp;
    return this;
  }

  public void tick() {
    ticks++;
    node.tick();
    expireForwards();
  }

  public void receive(Message message) {
    if (message instanceof Message.ProposeRequest request && node.isLeader()) {
      message =
          new Message.ProposeRequest(
              request.from(),
              request.to(),
              request.term(),
              request.requestId(),
              forwardedCommandStamp.apply(request.data()));
    }
    node.step(message);
  }

  /**
   * Proposes a command at the leader only; completes with its result once committed and applied
   * here. A follower refuses it with {@link RaftException.Kind#NOT_LEADER}.
   */
  public CompletableFuture<R> propose(byte[] command) {
    return track(node.propose(command));
  }

  /**
   * Proposes a command through whichever node leads (appended here, or handed to the leader);
   * completes with its result once committed and applied <em>here</em>, so a follower that serves a
   * client can write for it and answer from its own state. Fails with {@link
   * RaftException.Kind#UNKNOWN_OUTCOME} when the leader's answer does not come (a leader change, a
   * lost message): the command may have been appended.
   */
  @SuppressWarnings("unchecked") // one map holds the futures of every result type
  public CompletableFuture<R> proposeFromAnyNode(byte[] command) {
    if (node.isLeader()) {
      return propose(command);
    }
    CompletableFuture<R> future = new CompletableFuture<>();
    long requestId = nextForwardId++;
    forwards.put(
        requestId,
        new PendingForward(node.term(), appliedIndex, ticks, (CompletableFuture<Object>) future));
    node.forward(requestId, command);
    return future;
  }

  /**
   * Proposes a membership change; completes once it is committed and applied here. A leader asked
   * to remove itself first hands leadership to the most up-to-date other voter and fails the call
   * with {@link RaftException.Kind#TRANSFER_IN_PROGRESS} naming it: retry the removal there.
   */
  public CompletableFuture<Void> changeMembership(ConfigChange change) {
    if (change instanceof ConfigChange.RemoveNode remove
        && remove.nodeId().equals(node.id())
        && node.isLeader()) {
      String successor = node.status().mostUpToDateOtherVoter().orElse(null);
      if (successor != null && node.transferLeadership(successor)) {
        return CompletableFuture.failedFuture(
            new RaftException(
                RaftException.Kind.TRANSFER_IN_PROGRESS,
                successor,
                "handing leadership to "
                    + successor
                    + " before removing "
                    + node.id()
                    + "; retry the removal there"));
      }
    }
    return track(node.proposeConfigChange(change));
  }

  /**
   * Runs {@code query} against the state machine once every write committed before this call is
   * applied here (ReadIndex, thesis §6.4): the result is linearizable.
   */
  public <T> CompletableFuture<T> read(Supplier<T> query) {
    CompletableFuture<T> future = new CompletableFuture<>();
    long requestId = nextReadId++;
    readFutures.put(requestId, future);
    readsAwaitingIndex.put(
        requestId,
        () -> {
          try {
            future.complete(query.get());
          } catch (RuntimeException e) {
            future.completeExceptionally(e);
          }
        });
    node.readIndex(requestId);
    return future;
  }

  public boolean transferLeadership(String target) {
    return node.transferLeadership(target);
  }

  public void reportUnreachable(String peer) {
    node.reportUnreachable(peer);
  }

  public void reportSnapshot(String peer, boolean delivered) {
    node.reportSnapshot(peer, delivered);
  }

  /** The connection to {@code peer} broke (see {@link RaftNode#reportConnectionLost}). */
  public void reportConnectionLost(String peer) {
    node.reportConnectionLost(peer);
  }

  /** Fails everything still pending: the node is stopping. */
  public void failAll(String why) {
    proposals
        .values()
        .forEach(
            p ->
                p.future()
                    .completeExceptionally(
                        new RaftException(RaftException.Kind.STOPPED, null, why)));
    proposals.clear();
    forwards
        .values()
        .forEach(
            f ->
                f.future()
                    .completeExceptionally(
                        new RaftException(RaftException.Kind.STOPPED, null, why)));
    forwards.clear();
    appliedWhileForwarding.clear();
    readFutures
        .values()
        .forEach(
            f -> f.completeExceptionally(new RaftException(RaftException.Kind.STOPPED, null, why)));
    readFutures.clear();
    readsAwaitingIndex.clear();
    readsAwaitingApply.clear();
  }

  @SuppressWarnings("unchecked") // one map holds the futures of every result type
  private <T> CompletableFuture<T> track(Proposal proposal) {
    CompletableFuture<T> future = new CompletableFuture<>();
    switch (proposal) {
      case Proposal.Accepted accepted ->
          await(accepted, new PendingProposal(accepted.term(), (CompletableFuture<Object>) future));
      case Proposal.Rejected rejected ->
          future.completeExceptionally(
              new RaftException(kindOf(rejected.reason()), rejected.leaderId(), rejected.detail()));
    }
    return future;
  }

  /** Waits for the entry at {@code accepted}'s index to be applied. */
  private void await(Proposal.Accepted accepted, PendingProposal pending) {
    PendingProposal previous = proposals.put(accepted.index(), pending);
    if (previous != null) {
      // Appended at the same index in a newer term: the earlier entry there is gone.
      previous.future().completeExceptionally(lost(accepted.index()));
    }
  }

  private RaftException lost(long index) {
    return new RaftException(
        RaftException.Kind.LOST,
        node.leaderId(),
        "entry " + index + " was overwritten by a new leader");
  }

  /** Acts on the leader's answers to forwarded proposals. */
  private void settleForwards(List<ProposalOutcome> outcomes) {
    for (ProposalOutcome outcome : outcomes) {
      PendingForward forward = forwards.remove(outcome.requestId());
      if (forward == null) {
        continue; // given up on already
      }
      switch (outcome.proposal()) {
        case Proposal.Rejected rejected ->
            forward
                .future()
                .completeExceptionally(
                    new RaftException(
                        outcome.refusalCertain()
                            ? kindOf(rejected.reason())
                            : RaftException.Kind.UNKNOWN_OUTCOME,
                        rejected.leaderId(),
                        rejected.detail()));
        case Proposal.Accepted accepted when accepted.index() > appliedIndex ->
            await(accepted, new PendingProposal(accepted.term(), forward.future()));
        case Proposal.Accepted accepted -> {
          // Applied before the answer arrived (the link reordered them), or skipped by a snapshot.
          AppliedResult applied = appliedWhileForwarding.get(accepted.index());
          if (applied == null) {
            forward
                .future()
                .completeExceptionally(
                    new RaftException(
                        RaftException.Kind.UNKNOWN_OUTCOME,
                        node.leaderId(),
                        "entry " + accepted.index() + " was replaced by a snapshot"));
          } else if (applied.term() == accepted.term()) {
            forward.future().complete(applied.result());
          } else {
            forward.future().completeExceptionally(lost(accepted.index()));
          }
        }
      }
    }
    forgetAppliedResultsNoForwardNeeds();
  }

  /** Gives up on forwarded proposals whose answer can no longer come or is long overdue. */
  private void expireForwards() {
    if (forwards.isEmpty()) {
      return;
    }
    long patience = (long) FORWARD_ANSWER_TICKS_FACTOR * node.config().electionTicks();
    var expired = new ArrayList<Long>();
    forwards.forEach(
        (id, forward) -> {
          // An answer from an older term would be ignored, so a newer term ends the wait too.
          if (forward.term() != node.term() || ticks - forward.sentAtTick() > patience) {
            expired.add(id);
          }
        });
    for (long id : expired) {
      forwards
          .remove(id)
          .future()
          .completeExceptionally(
              new RaftException(
                  RaftException.Kind.UNKNOWN_OUTCOME,
                  node.leaderId(),
                  "the leader did not say where it appended the command"));
    }
    forgetAppliedResultsNoForwardNeeds();
  }

  private void forgetAppliedResultsNoForwardNeeds() {
    if (forwards.isEmpty()) {
      appliedWhileForwarding.clear();
      return;
    }
    long oldest =
        forwards.values().stream().mapToLong(PendingForward::appliedAtSend).min().orElse(0);
    appliedWhileForwarding.headMap(oldest, true).clear();
  }

  private static RaftException.Kind kindOf(Proposal.Reason reason) {
    return switch (reason) {
      case NOT_LEADER -> RaftException.Kind.NOT_LEADER;
      case LEADERSHIP_TRANSFER_IN_PROGRESS -> RaftException.Kind.TRANSFER_IN_PROGRESS;
      case CONFIG_CHANGE_IN_PROGRESS -> RaftException.Kind.CONFIG_CHANGE_IN_PROGRESS;
      case INVALID_CONFIG_CHANGE -> RaftException.Kind.INVALID_CONFIG_CHANGE;
    };
  }

  // ------------------------------------------------------------------------------------------
  // The loop body.
  // ------------------------------------------------------------------------------------------

  /** Acts on every pending Ready. Call after each batch of inputs. */
  public void process() throws IOException {
    countLeaderWrites();
    while (node.hasReady()) {
      Ready ready = node.ready();
      ready.sendBeforePersisting().forEach(transport::send);
      // Whether everything handed to storage so far is durable once this round wrote.
      boolean allDurable;
      if (writesInBackground(ready)) {
        leaderWrites.submit(ready.entries(), ready.hardState());
        allDurable = false;
      } else {
        boolean drain =
            ready.mustSync() || ready.sendAfterPersisting().stream().anyMatch(this::vouchesForLog);
        if (drain) {
          // Storage sees writes in the order they were made, and nothing vouches for the log
          // before all of it is durable.
          drainLeaderWrites();
        }
        persist(ready);
        // Without a drain, earlier background writes may still be on their way: they are
        // counted when the writer reports them, not here.
        allDurable = drain || leaderWrites == null;
      }
      if (ready.hardState() != null) {
        handedHardState = ready.hardState();
      }
      ready.sendAfterPersisting().forEach(transport::send);
      apply(ready);
      node.advance(ready, allDurable);
      serveReads(ready.readStates());
      settleForwards(ready.proposalOutcomes());
      countLeaderWrites();
    }
    maybeSnapshot();
    maybePromoteLearners();
  }

  /**
   * Whether this Ready's writes may go to the background: only a leader's appends (and commit
   * index), which vouch for nothing to anyone. A new term or vote, a snapshot, or a message that
   * vouches for the log (a vote, an acknowledgement) is written on the loop, after everything
   * before it.
   */
  private boolean writesInBackground(Ready ready) {
    return leaderWrites != null
        && ready.mustSync()
        && node.isLeader()
        && ready.snapshot() == null
        && ready.sendAfterPersisting().stream().noneMatch(this::vouchesForLog)
        && (ready.hardState() == null
            || (ready.hardState().term() == handedHardState.term()
                && java.util.Objects.equals(
                    ready.hardState().votedFor(), handedHardState.votedFor())));
  }

  /**
   * Whether a message speaks for this node's log or term, and so must wait until all of it is
   * durable: votes, acknowledgements. A read index answer speaks for the commit index (durable on a
   * majority) and this node's leadership, not for its own disk.
   */
  private boolean vouchesForLog(Message message) {
    return !(message instanceof Message.ReadIndexResponse
        || message instanceof Message.ReadIndexRequest);
  }

  /** Waits until every background write is durable (writing the queued ones here). */
  private void drainLeaderWrites() throws IOException {
    if (leaderWrites != null) {
      leaderWrites.drain();
    }
  }

  /** Tells the node how far its own log is durable, so a leader counts its own copy. */
  private void countLeaderWrites() throws IOException {
    if (leaderWrites == null) {
      return;
    }
    leaderWrites.rethrowFailure();
    long durable = leaderWrites.takeDurableIndex();
    if (durable > 0) {
      node.entriesDurable(durable);
    }
  }

  /** A learner whose log caught up with the commit index becomes a voter (thesis §4.2.1). */
  private void maybePromoteLearners() throws IOException {
    if (!autoPromoteLearners || !node.isLeader() || node.membership().learners().isEmpty()) {
      return;
    }
    var followers = node.status().followers();
    for (String learner : node.membership().learners()) {
      var progress = followers.get(learner);
      if (progress != null && progress.match() >= node.commitIndex()) {
        // Refused while another change is in flight; then we simply try again next round.
        var unused = changeMembership(new ConfigChange.PromoteToVoter(learner, ""));
        break;
      }
    }
    if (node.hasReady()) {
      process();
    }
  }

  private void persist(Ready ready) throws IOException {
    if (ready.snapshot() != null) {
      storage.saveSnapshot(ready.snapshot());
    }
    if (!ready.entries().isEmpty()) {
      storage.append(ready.entries());
    }
    if (ready.hardState() != null) {
      storage.setHardState(ready.hardState());
    }
    if (ready.mustSync()) {
      // Group commit: one fsync for everything this Ready carries, before any message that
      // depends on it (a vote, an append acknowledgement) leaves this node.
      storage.sync();
    }
  }

  private void apply(Ready ready) {
    if (ready.snapshot() != null) {
      SnapshotMeta meta = ready.snapshot().meta();
      stateMachine.restore(meta, ready.snapshot().data());
      appliedIndex = meta.index();
      lastSnapshotIndex = meta.index();
      lastSnapshotBytes = ready.snapshot().data().length;
      commandBytesSinceSnapshot = 0;
      // Our proposals up to there may have committed inside the snapshot, or not: we cannot tell.
      var skipped = proposals.headMap(meta.index(), true);
      skipped
          .values()
          .forEach(
              p ->
                  p.future()
                      .completeExceptionally(
                          new RaftException(
                              RaftException.Kind.UNKNOWN_OUTCOME,
                              node.leaderId(),
                              "replaced by a snapshot at " + meta.index())));
      skipped.clear();
    }
    for (Entry entry : ready.committed()) {
      Object result =
          entry.type() == EntryType.COMMAND
              ? stateMachine.apply(entry.index(), entry.data())
              : null;
      appliedIndex = entry.index();
      commandBytesSinceSnapshot += entry.data().length;
      if (!forwards.isEmpty()) {
        appliedWhileForwarding.put(entry.index(), new AppliedResult(entry.term(), result));
      }
      PendingProposal pending = proposals.remove(entry.index());
      if (pending != null) {
        if (pending.term() == entry.term()) {
          pending.future().complete(result);
        } else {
          pending.future().completeExceptionally(lost(entry.index()));
        }
      }
    }
  }

  private void serveReads(List<ReadState> readStates) {
    for (ReadState state : readStates) {
      Runnable serve = readsAwaitingIndex.remove(state.requestId());
      CompletableFuture<?> future = readFutures.remove(state.requestId());
      if (serve == null || future == null) {
        continue;
      }
      if (state.failed()) {
        future.completeExceptionally(
            new RaftException(
                RaftException.Kind.READ_FAILED,
                node.leaderId(),
                "leadership could not be confirmed for the read"));
      } else {
        readsAwaitingApply.add(new PendingRead(state.index(), serve));
      }
    }
    List<PendingRead> ready = new ArrayList<>();
    while (!readsAwaitingApply.isEmpty() && readsAwaitingApply.peek().index() <= appliedIndex) {
      ready.add(readsAwaitingApply.poll());
    }
    ready.forEach(r -> r.serve().run());
  }

  private void maybeSnapshot() throws IOException {
    adoptWrittenSnapshots();
    if (snapshotInFlight
        || !snapshotPolicy.due(
            appliedIndex - lastSnapshotIndex, commandBytesSinceSnapshot, lastSnapshotBytes)) {
      return;
    }
    // The snapshot's index must be in the durable log: a crash between the snapshot and the log
    // would otherwise leave a snapshot past the log's end (once every snapshotEvery entries).
    drainLeaderWrites();
    SnapshotMeta meta =
        new SnapshotMeta(appliedIndex, node.termAt(appliedIndex), node.membershipAt(appliedIndex));
    StateMachine.Image image = stateMachine.snapshot();
    snapshotInFlight = true;
    commandBytesSinceSnapshot = 0;
    snapshotWriter
        .worker()
        .execute(
            () -> {
              writtenSnapshots.add(write(meta, image));
              snapshotWriter.wakeLoop().run();
            });
    adoptWrittenSnapshots();
  }

  /** On the writer's thread: encodes and stores the snapshot. */
  private WrittenSnapshot write(SnapshotMeta meta, StateMachine.Image image) {
    try {
      Snapshot snapshot = new Snapshot(meta, image.encode());
      storage.writeSnapshot(snapshot);
      return new WrittenSnapshot(snapshot, null);
    } catch (IOException | RuntimeException e) {
      return new WrittenSnapshot(null, e);
    }
  }

  /**
   * Compacts the log up to each snapshot the writer finished. The snapshot is durable by then, so a
   * crash at any point leaves either the old log or the new snapshot with the log after it.
   */
  private void adoptWrittenSnapshots() throws IOException {
    if (!writtenSnapshots.isEmpty()) {
      drainLeaderWrites(); // compaction rewrites the log's segments: no write may run meanwhile
    }
    for (WrittenSnapshot done = writtenSnapshots.poll();
        done != null;
        done = writtenSnapshots.poll()) {
      snapshotInFlight = false;
      if (done.failure() instanceof IOException e) {
        throw new IOException("writing the snapshot failed", e);
      }
      if (done.failure() != null) {
        throw new IllegalStateException("encoding the snapshot failed", done.failure());
      }
      SnapshotMeta meta = done.snapshot().meta();
      if (meta.index() <= lastSnapshotIndex) {
        continue; // a newer snapshot from the leader was installed while this one was written
      }
      storage.snapshotWritten(meta);
      lastSnapshotBytes = done.snapshot().data().length;
      node.compact(done.snapshot(), snapshotPolicy.keepEntries());
      storage.compact(Math.max(0, meta.index() - snapshotPolicy.keepEntries()));
      lastSnapshotIndex = meta.index();
    }
  }
}
