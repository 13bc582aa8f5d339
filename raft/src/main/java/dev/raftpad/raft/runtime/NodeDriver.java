package dev.raftpad.raft.runtime;

import dev.raftpad.raft.core.ConfigChange;
import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.Proposal;
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

  /** A snapshot the writer finished, or why it failed. */
  private record WrittenSnapshot(Snapshot snapshot, Exception failure) {}

  private record PendingProposal(long term, CompletableFuture<Object> future) {}

  private record PendingRead(long index, Runnable serve) {}

  private final RaftNode node;
  private final Storage storage;
  private final Transport transport;
  private final StateMachine<R> stateMachine;
  private final SnapshotPolicy snapshotPolicy;
  private SnapshotWriter snapshotWriter = SnapshotWriter.INLINE;
  private final Queue<WrittenSnapshot> writtenSnapshots = new ConcurrentLinkedQueue<>();
  private boolean snapshotInFlight;
  private boolean autoPromoteLearners = true;

  private final TreeMap<Long, PendingProposal> proposals = new TreeMap<>();
  private final Map<Long, Runnable> readsAwaitingIndex = new HashMap<>();
  private final Map<Long, CompletableFuture<?>> readFutures = new HashMap<>();
  private final PriorityQueue<PendingRead> readsAwaitingApply =
      new PriorityQueue<>((a, b) -> Long.compare(a.index(), b.index()));
  private long nextReadId = 1;
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
    return new NodeDriver<>(
        node, storage, transport, stateMachine, snapshotPolicy, applied, snapshotBytes);
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

  public long appliedIndex() {
    return appliedIndex;
  }

  // ------------------------------------------------------------------------------------------
  // Inputs.
  // ------------------------------------------------------------------------------------------

  public void tick() {
    node.tick();
  }

  public void receive(Message message) {
    node.step(message);
  }

  /** Proposes a command; completes with its result once committed and applied here. */
  public CompletableFuture<R> propose(byte[] command) {
    return track(node.propose(command));
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
          proposals.put(
              accepted.index(),
              new PendingProposal(accepted.term(), (CompletableFuture<Object>) future));
      case Proposal.Rejected rejected ->
          future.completeExceptionally(
              new RaftException(kindOf(rejected.reason()), rejected.leaderId(), rejected.detail()));
    }
    return future;
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
    while (node.hasReady()) {
      Ready ready = node.ready();
      ready.sendBeforePersisting().forEach(transport::send);
      persist(ready);
      ready.sendAfterPersisting().forEach(transport::send);
      apply(ready);
      node.advance(ready);
      serveReads(ready.readStates());
    }
    maybeSnapshot();
    maybePromoteLearners();
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
      PendingProposal pending = proposals.remove(entry.index());
      if (pending != null) {
        if (pending.term() == entry.term()) {
          pending.future().complete(result);
        } else {
          pending
              .future()
              .completeExceptionally(
                  new RaftException(
                      RaftException.Kind.LOST,
                      node.leaderId(),
                      "entry " + entry.index() + " was overwritten by a new leader"));
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
