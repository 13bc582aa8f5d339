package dev.raftpad.raft.runtime;

import dev.raftpad.raft.core.ConfigChange;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.Status;
import dev.raftpad.raft.spi.Storage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The threaded runtime: one loop thread owns the {@link NodeDriver} (and so the Raft node, the
 * storage and the state machine). Every input — a message, a proposal, a read, a tick — is a task
 * queued to that thread, so nothing else ever touches the node and no lock is held across I/O.
 * Proposals that arrive while the loop is busy (e.g. in an fsync) are handled together in the next
 * round, which gives group commit for free: one fsync for the whole batch.
 *
 * <p>Futures returned here complete on the loop thread: attach only quick, non-blocking
 * continuations, or use the {@code *Async} variants with an executor of your own.
 *
 * @param <R> the state machine's result type
 */
public final class RaftServer<R> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RaftServer.class.getName());
  private static final int MAX_TASKS_PER_ROUND = 4096;

  private final NodeDriver<R> driver;
  private final Storage storage;
  private final String clusterId;
  private final java.util.concurrent.atomic.AtomicLong foreignMessages =
      new java.util.concurrent.atomic.AtomicLong();
  private final long tickNanos;
  private final LinkedBlockingQueue<Task> inbox = new LinkedBlockingQueue<>();
  private final Thread loop;
  private final ExecutorService snapshotWriter;
  private final ExecutorService logWriter;
  private final java.util.List<java.util.function.Consumer<Status>> roleWatchers =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private volatile Status status;
  private volatile Throwable failure;

  /**
   * @param clusterId messages carrying another cluster id are refused
   * @param tick how long one Raft tick lasts (election timeout = electionTicks ticks)
   */
  public RaftServer(NodeDriver<R> driver, Storage storage, String clusterId, Duration tick) {
    this.driver = driver;
    this.storage = storage;
    this.clusterId = clusterId;
    this.tickNanos = tick.toNanos();
    this.status = driver.node().status();
    this.loop = new Thread(this::run, "raft-" + driver.node().id());
    this.snapshotWriter = daemonThread("raft-" + driver.node().id() + "-snapshot");
    // The loop only captures the state; encoding and fsyncing a big snapshot happen on the
    // writer's thread, and an empty task wakes the loop to compact the log once it is durable.
    driver.snapshotWriter(new NodeDriver.SnapshotWriter(snapshotWriter, () -> submit(() -> {})));
    // A leader's own appends are written and fsynced on a thread of their own (LeaderWrites): the
    // loop goes on counting its followers' acknowledgements meanwhile.
    this.logWriter = daemonThread("raft-" + driver.node().id() + "-log");
    driver.logWriter(new NodeDriver.LogWriter(logWriter, () -> submit(() -> {})));
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        work -> {
          Thread thread = new Thread(work, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Starts the loop thread. */
  public RaftServer<R> start() {
    loop.start();
    return this;
  }

  /**
   * Hands a message from another node to this one. Any thread.
   *
   * @return false if it came from another cluster (it is dropped and counted)
   */
  public boolean receive(String senderClusterId, Message message) {
    if (!clusterId.equals(senderClusterId)) {
      foreignMessages.incrementAndGet();
      return false;
    }
    submit(() -> driver.receive(message));
    return true;
  }

  /** How many messages from other clusters were refused. */
  public long foreignMessages() {
    return foreignMessages.get();
  }

  public String clusterId() {
    return clusterId;
  }

  public void reportUnreachable(String peer) {
    submit(() -> driver.reportUnreachable(peer));
  }

  public void reportSnapshot(String peer, boolean delivered) {
    submit(() -> driver.reportSnapshot(peer, delivered));
  }

  /**
   * The transport's connection to {@code peer} broke: a follower that loses its leader this way
   * campaigns without waiting out the election timeout. Any thread.
   */
  public void reportConnectionLost(String peer) {
    submit(() -> driver.reportConnectionLost(peer));
  }

  /** Proposes a command; completes with its result once committed and applied on this node. */
  public CompletableFuture<R> propose(byte[] command) {
    CompletableFuture<R> result = new CompletableFuture<>();
    submit(() -> forward(driver.propose(command), result), result);
    return result;
  }

  /**
   * Proposes a command through whichever node leads: a follower hands it to the leader. Completes
   * with its result once committed and applied on this node ({@link
   * NodeDriver#proposeFromAnyNode}).
   */
  public CompletableFuture<R> proposeFromAnyNode(byte[] command) {
    CompletableFuture<R> result = new CompletableFuture<>();
    submit(() -> forward(driver.proposeFromAnyNode(command), result), result);
    return result;
  }

  /** Runs {@code query} against the state machine, linearizably (ReadIndex), on the loop thread. */
  public <T> CompletableFuture<T> read(Supplier<T> query) {
    CompletableFuture<T> result = new CompletableFuture<>();
    submit(() -> forward(driver.read(query), result), result);
    return result;
  }

  /**
   * Runs {@code query} against this node's applied state on the loop thread, without asking the
   * leader: fast and available on any node, but possibly behind the latest commit (a stale read).
   */
  public <T> CompletableFuture<T> readStale(Supplier<T> query) {
    CompletableFuture<T> result = new CompletableFuture<>();
    submit(
        () -> {
          try {
            result.complete(query.get());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        },
        result);
    return result;
  }

  public CompletableFuture<Void> changeMembership(ConfigChange change) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    submit(() -> forward(driver.changeMembership(change), result), result);
    return result;
  }

  /** Asks the leader to hand over to {@code target}; false if this node cannot. */
  public CompletableFuture<Boolean> transferLeadership(String target) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    submit(() -> result.complete(driver.transferLeadership(target)), result);
    return result;
  }

  /** The node's state as of the end of the last loop round. Any thread. */
  public Status status() {
    return status;
  }

  /** Why the loop stopped on its own (a storage failure), or {@code null}. */
  public Throwable failure() {
    return failure;
  }

  /** A unit of work for the loop; {@code caller} is failed if the loop stops before running it. */
  private record Task(Runnable work, CompletableFuture<?> caller) {}

  @SuppressWarnings("FutureReturnValueIgnored") // the callback itself forwards every outcome
  private static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
    from.whenComplete(
        (value, error) -> {
          if (error != null) {
            to.completeExceptionally(error);
          } else {
            to.complete(value);
          }
        });
  }

  private void submit(Runnable task) {
    if (running) {
      inbox.add(new Task(task, null));
    }
  }

  private void submit(Runnable task, CompletableFuture<?> onRefusal) {
    if (!running) {
      onRefusal.completeExceptionally(
          new RaftException(RaftException.Kind.STOPPED, null, "the node is stopped"));
      return;
    }
    inbox.add(new Task(task, onRefusal));
  }

  private static void refuse(Task task) {
    if (task.caller() != null) {
      task.caller()
          .completeExceptionally(
              new RaftException(RaftException.Kind.STOPPED, null, "the node stopped"));
    }
  }

  private void run() {
    long nextTick = System.nanoTime() + tickNanos;
    List<Task> batch = new ArrayList<>();
    try {
      while (running) {
        long wait = nextTick - System.nanoTime();
        Task first = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
        if (first != null) {
          first.work().run();
          inbox.drainTo(batch, MAX_TASKS_PER_ROUND);
          batch.forEach(task -> task.work().run());
          batch.clear();
        }
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          driver.tick();
          // After a long stall, do not fire a burst of ticks: that would start elections at once.
          nextTick = Math.max(nextTick + tickNanos, now);
        }
        driver.process();
        Status previous = status;
        status = driver.node().status();
        logRoleChange(previous, status);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // Storage failed or an invariant broke: continuing could lose acknowledged data. Stop.
      failure = e;
      LOG.log(Level.ERROR, "raft node " + driver.node().id() + " stopped", e);
    } finally {
      running = false;
      driver.failAll("the node stopped");
      batch.forEach(RaftServer::refuse);
      for (Task leftover = inbox.poll(); leftover != null; leftover = inbox.poll()) {
        refuse(leftover);
      }
    }
  }

  /**
   * Calls {@code watcher} on the loop thread after every round in which this node's term, role or
   * leader changed, so a watcher sees even a leadership shorter than any polling interval. It must
   * be quick and must not block.
   */
  public void onRoleChange(java.util.function.Consumer<Status> watcher) {
    roleWatchers.add(watcher);
  }

  /** Elections and leader changes, one line each: when a failover took long, the log says why. */
  private void logRoleChange(Status before, Status after) {
    if (before.term() != after.term()
        || before.role() != after.role()
        || !java.util.Objects.equals(before.leaderId(), after.leaderId())) {
      roleWatchers.forEach(watcher -> watcher.accept(after));
      LOG.log(
          Level.INFO,
          "raft node {0}: {1} in term {2}, leader {3}",
          after.id(),
          after.role(),
          after.term(),
          after.leaderId() == null ? "unknown" : after.leaderId());
    }
  }

  /** Stops the loop (pending calls fail with STOPPED) and closes the storage. */
  @Override
  public void close() throws IOException, InterruptedException {
    running = false;
    loop.interrupt();
    loop.join(TimeUnit.SECONDS.toMillis(10));
    // A snapshot being written finishes first: the storage must not close under it.
    snapshotWriter.shutdown();
    if (!snapshotWriter.awaitTermination(30, TimeUnit.SECONDS)) {
      LOG.log(
          Level.WARNING, "raft node {0}: a snapshot was still being written", driver.node().id());
    }
    // So is a batch of the log: it must not be cut off by the storage closing under it.
    logWriter.shutdown();
    if (!logWriter.awaitTermination(30, TimeUnit.SECONDS)) {
      LOG.log(Level.WARNING, "raft node {0}: the log was still being written", driver.node().id());
    }
    storage.close();
  }
}
