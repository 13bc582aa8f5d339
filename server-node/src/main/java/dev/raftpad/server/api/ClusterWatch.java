package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Alert;
import dev.raftpad.proto.v1.AlertKind;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.raft.core.Status;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.wire.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this node's view of the cluster and tells its subscribers: the leader changed, a node
 * joined or left, a lock is about to expire. Every node serves live streams (ADR 0014), so every
 * node's subscribers hear these from the node that serves them, and a leader change ends no stream.
 *
 * <p>A node that knows of no leader for {@code cutOffWait} (an election timeout: by then one is
 * elected or this node is cut off from the majority) ends its streams with a redirect that names no
 * leader: they would hear nothing new, and their presence and edits could not be written. Clients
 * resume at another member.
 *
 * <p>Runs on one scheduler thread, which alone touches what it remembers — except the lock
 * warnings, which complete on the Raft loop thread and are guarded by their map's monitor.
 */
public final class ClusterWatch implements Runnable {
  /** Subscribers of a document hear that its lock runs out this long before it does. */
  static final long LOCK_WARNING_MILLIS = Duration.ofSeconds(30).toMillis();

  private static final long LOCK_SCAN_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);

  private final String nodeId;
  private final View view;
  private final EventHub hub;
  private final long cutOffWaitNanos;
  private final LongSupplier nanoTime;

  private String lastLeader;

  /** Leaders in the order this node learnt of them, from the Raft loop ({@link #roleChanged}). */
  private final java.util.Queue<String> leadersLearnt =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private boolean leaderless;
  private long leaderlessSince;
  private Set<String> lastMembers = Set.of();
  private final Map<String, Long> warnedLockExpiry = new HashMap<>();
  private long nextLockScan;

  /**
   * @param cutOffWait how long a node that knows of no leader keeps its streams (an election
   *     timeout: by then one is elected or this node is cut off)
   */
  public ClusterWatch(String nodeId, Replicator replicator, EventHub hub, Duration cutOffWait) {
    this(nodeId, View.of(replicator), hub, cutOffWait, System::nanoTime);
  }

  ClusterWatch(String nodeId, View view, EventHub hub, Duration cutOffWait, LongSupplier nanoTime) {
    this.nodeId = nodeId;
    this.view = view;
    this.hub = hub;
    this.cutOffWaitNanos = cutOffWait.toNanos();
    this.nanoTime = nanoTime;
    this.nextLockScan = nanoTime.getAsLong();
  }

  /** What the watch reads of its node: the {@link Replicator} in production. */
  interface View {
    /** This node's Raft view as of its last loop round. */
    Status status();

    /** The wall clock, in milliseconds. */
    long now();

    /** The redirect detail naming {@code leader} (null: the leader as far as this node knows). */
    NotLeader notLeader(String leader);

    /** Runs {@code query} on this node's applied state, on the loop thread. */
    <T> CompletableFuture<T> readStale(Function<CollabState, T> query);

    /** Whether this node may serve streams under its leader ({@link Replicator#servesStreams}). */
    boolean servesStreams();

    static View of(Replicator replicator) {
      return new View() {
        @Override
        public Status status() {
          return replicator.raftStatus();
        }

        @Override
        public long now() {
          return replicator.now();
        }

        @Override
        public NotLeader notLeader(String leader) {
          return replicator.notLeader(leader);
        }

        @Override
        public <T> CompletableFuture<T> readStale(Function<CollabState, T> query) {
          return replicator.read(query, true);
        }

        @Override
        public boolean servesStreams() {
          return replicator.servesStreams();
        }
      };
    }
  }

  /**
   * This node's term, role or leader changed (the Raft loop thread calls this, see {@code
   * RaftServer.onRoleChange}): a leader it learnt of is announced at the next look even if it no
   * longer leads by then, and a look can never miss a leadership between two looks.
   */
  public void roleChanged(Status status) {
    if (status.leaderId() != null) {
      leadersLearnt.add(status.leaderId());
    }
  }

  @Override
  public void run() {
    try {
      for (String learnt = leadersLearnt.poll(); learnt != null; learnt = leadersLearnt.poll()) {
        announce(learnt, view.status().term());
      }
      Status status = view.status();
      watchLeader(status);
      watchMembers(status);
      if (hub.hasSubscribers() && nanoTime.getAsLong() - nextLockScan >= 0) {
        nextLockScan = nanoTime.getAsLong() + LOCK_SCAN_INTERVAL_NANOS;
        var unused = view.readStale(this::expiringLocks).thenAccept(this::warn);
      }
    } catch (RuntimeException e) {
      log.warn("cluster watch failed; trying again", e); // never let the schedule die
    }
  }

  /** Announces a new leader; ends the streams of a node that has known no leader for too long. */
  private void watchLeader(Status status) {
    String leader = status.leaderId();
    if (leader != null) {
      leaderless = false;
      announce(leader, status.term());
      if (!view.servesStreams() && hub.hasSubscribers()) {
        // A leader of an older version: it takes no forwarded writes, so the streams go to it.
        endStreams(
            leader,
            "the leader runs an older version that serves streams itself until every member is"
                + " upgraded; resume at the leader");
      }
      return;
    }
    long now = nanoTime.getAsLong();
    if (!leaderless) {
      leaderless = true;
      leaderlessSince = now;
    } else if (now - leaderlessSince >= cutOffWaitNanos && hub.hasSubscribers()) {
      leaderlessSince = now; // streams that start meanwhile are refused; end any left once more
      endStreams(null, "this node knows of no leader and may be cut off; resume at another member");
    }
  }

  /** Tells the streams of a leader other than the last one announced. */
  private void announce(String leader, long term) {
    if (lastLeader != null && !lastLeader.equals(leader)) {
      hub.accept(
          alert(
              AlertKind.ALERT_KIND_LEADER_CHANGED,
              leader + " now leads the cluster (term " + term + ")",
              leader));
    }
    lastLeader = leader;
  }

  private void watchMembers(Status status) {
    Set<String> members = new TreeSet<>(status.membership().voters());
    members.addAll(status.membership().learners());
    if (!lastMembers.isEmpty()) {
      for (String added : members) {
        if (!lastMembers.contains(added)) {
          hub.accept(alert(AlertKind.ALERT_KIND_NODE_ADDED, added + " joined the cluster", added));
        }
      }
      for (String removed : lastMembers) {
        if (!members.contains(removed)) {
          hub.accept(
              alert(AlertKind.ALERT_KIND_NODE_REMOVED, removed + " left the cluster", removed));
        }
      }
    }
    lastMembers = members;
  }

  private record ExpiringLock(String documentId, String title, String holder, long expiresAt) {}

  private List<ExpiringLock> expiringLocks(CollabState state) {
    long now = view.now();
    List<ExpiringLock> expiring = new ArrayList<>();
    for (DocumentRecord meta : state.documentMetas("", Integer.MAX_VALUE, false, access -> true)) {
      if (meta.hasLock()
          && meta.getLock().getExpiresAtMillis() > now
          && meta.getLock().getExpiresAtMillis() - now <= LOCK_WARNING_MILLIS) {
        UserRecord holder = state.user(meta.getLock().getUserId());
        expiring.add(
            new ExpiringLock(
                meta.getDocumentId(),
                meta.getTitle(),
                holder == null ? meta.getLock().getUserId() : holder.getUsername(),
                meta.getLock().getExpiresAtMillis()));
      }
    }
    return expiring;
  }

  /** Called on the loop thread that read the locks; the hub is thread-safe. */
  private void warn(List<ExpiringLock> locks) {
    synchronized (warnedLockExpiry) {
      for (ExpiringLock lock : locks) {
        Long warned = warnedLockExpiry.put(lock.documentId(), lock.expiresAt());
        if (warned == null || warned != lock.expiresAt()) {
          long seconds = Math.max(0, (lock.expiresAt() - view.now()) / 1000);
          hub.accept(
              alert(
                      AlertKind.ALERT_KIND_LOCK_EXPIRING,
                      lock.holder()
                          + "'s lock on \""
                          + lock.title()
                          + "\" expires in "
                          + seconds
                          + " s unless renewed",
                      "")
                  .toBuilder()
                  .setDocumentId(lock.documentId())
                  .build());
        }
      }
    }
  }

  /** Ends every stream here with a redirect to the leader (as far as this node knows it). */
  public void endStreams(String why) {
    endStreams(null, why);
  }

  private void endStreams(String leader, String why) {
    var detail = view.notLeader(leader);
    if (detail.getLeaderId().equals(nodeId)) {
      // Still leading as far as this node knows (a hand-over that did not finish, a shutdown):
      // never send clients back here; without a leader named they ask the other members.
      detail = detail.toBuilder().clearLeaderId().clearLeaderAddress().build();
    }
    hub.closeAll(Statuses.notLeader(detail, why));
  }

  /** The alert that this node is going away, sent before its streams end. */
  public Event shuttingDown() {
    return alert(
        AlertKind.ALERT_KIND_SERVER_SHUTTING_DOWN,
        nodeId + " is shutting down; reconnecting to another node",
        nodeId);
  }

  private Event alert(AlertKind kind, String message, String node) {
    return Event.newBuilder()
        .setTime(Timestamps.ofMillis(view.now()))
        .setAlert(Alert.newBuilder().setKind(kind).setMessage(message).setNodeId(node))
        .build();
  }
}
