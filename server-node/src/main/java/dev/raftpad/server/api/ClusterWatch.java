package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Alert;
import dev.raftpad.proto.v1.AlertKind;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.raft.core.RoleName;
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
 * joined or left, a lock is about to expire. Live streams are served by the leader only (presence
 * and cursors are relayed there), so when this node stops leading it ends its streams with a
 * NotLeader redirect and clients resume at the new leader.
 *
 * <p>The {@code LEADER_CHANGED} alert is part of that hand-over: only streams on a node that
 * stopped leading can hear it. A node that steps down usually does not know its successor yet (a
 * leadership transfer makes it a follower when the target's vote request arrives; it learns who won
 * from the new leader's first append), so its streams end once it knows — the alert naming the new
 * leader first, then a redirect naming it — or when no leader has been heard of within {@code
 * handOverWait} (cut off from the majority: the redirect names no leader, and there is no alert).
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
  private final long handOverWaitNanos;
  private final LongSupplier nanoTime;

  private boolean handingOver;
  private long handOverSince;
  private Set<String> lastMembers = Set.of();
  private final Map<String, Long> warnedLockExpiry = new HashMap<>();
  private long nextLockScan;

  /**
   * @param handOverWait how long a node that stopped leading keeps its streams while it waits to
   *     hear of the new leader (an election timeout at most: by then one is elected or this node is
   *     cut off)
   */
  public ClusterWatch(String nodeId, Replicator replicator, EventHub hub, Duration handOverWait) {
    this(nodeId, View.of(replicator), hub, handOverWait, System::nanoTime);
  }

  ClusterWatch(
      String nodeId, View view, EventHub hub, Duration handOverWait, LongSupplier nanoTime) {
    this.nodeId = nodeId;
    this.view = view;
    this.hub = hub;
    this.handOverWaitNanos = handOverWait.toNanos();
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
      };
    }
  }

  @Override
  public void run() {
    try {
      Status status = view.status();
      watchLeader(status);
      watchMembers(status);
      if (status.role() == RoleName.LEADER && nanoTime.getAsLong() - nextLockScan >= 0) {
        nextLockScan = nanoTime.getAsLong() + LOCK_SCAN_INTERVAL_NANOS;
        var unused = view.readStale(this::expiringLocks).thenAccept(this::warn);
      }
    } catch (RuntimeException e) {
      log.warn("cluster watch failed; trying again", e); // never let the schedule die
    }
  }

  /**
   * Streams are registered only while this node leads, so streams here while it does not lead are a
   * hand-over: another node leads now (or will), and the streams move there. Whether the watch
   * happened to see this node lead in between does not matter (a leadership can be shorter than one
   * look).
   */
  private void watchLeader(Status status) {
    if (status.role() == RoleName.LEADER || !hub.hasSubscribers()) {
      handingOver = false;
      return;
    }
    long now = nanoTime.getAsLong();
    if (!handingOver) {
      handingOver = true;
      handOverSince = now;
    }
    String leader = status.leaderId();
    if (leader != null) {
      handingOver = false;
      hub.accept(
          alert(
              AlertKind.ALERT_KIND_LEADER_CHANGED,
              leader + " now leads the cluster (term " + status.term() + ")",
              leader));
      endStreams(leader, "this node no longer leads; resume at the leader");
    } else if (now - handOverSince >= handOverWaitNanos) {
      handingOver = false;
      endStreams(null, "this node no longer leads and knows of no leader; ask the other members");
    }
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
