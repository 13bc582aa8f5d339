package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Alert;
import dev.raftpad.proto.v1.AlertKind;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.Status;
import dev.raftpad.server.wire.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this node's view of the cluster and tells its subscribers: the leader changed, a node
 * joined or left, a lock is about to expire. Live streams are served by the leader only (presence
 * and cursors are relayed there), so when this node stops leading it ends its streams with a
 * NotLeader redirect and clients resume at the new leader.
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
  private final Replicator replicator;
  private final EventHub hub;

  private String lastLeader;
  private boolean wasLeader;
  private Set<String> lastMembers = Set.of();
  private final Map<String, Long> warnedLockExpiry = new HashMap<>();
  private long nextLockScan = System.nanoTime();

  public ClusterWatch(String nodeId, Replicator replicator, EventHub hub) {
    this.nodeId = nodeId;
    this.replicator = replicator;
    this.hub = hub;
  }

  @Override
  public void run() {
    try {
      Status status = replicator.raftStatus();
      watchLeader(status);
      watchMembers(status);
      if (status.role() == RoleName.LEADER && System.nanoTime() - nextLockScan >= 0) {
        nextLockScan = System.nanoTime() + LOCK_SCAN_INTERVAL_NANOS;
        var unused = replicator.read(this::expiringLocks, true).thenAccept(this::warn);
      }
    } catch (RuntimeException e) {
      log.warn("cluster watch failed; trying again", e); // never let the schedule die
    }
  }

  private void watchLeader(Status status) {
    String leader = status.leaderId();
    if (leader != null && lastLeader != null && !leader.equals(lastLeader)) {
      hub.accept(
          alert(
              AlertKind.ALERT_KIND_LEADER_CHANGED,
              leader + " now leads the cluster (term " + status.term() + ")",
              leader));
    }
    if (leader != null) {
      lastLeader = leader;
    }
    boolean leading = status.role() == RoleName.LEADER;
    if (wasLeader && !leading) {
      endStreams("this node no longer leads; resume at the leader");
    }
    wasLeader = leading;
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

  private List<ExpiringLock> expiringLocks(dev.raftpad.server.state.CollabState state) {
    long now = replicator.now();
    List<ExpiringLock> expiring = new ArrayList<>();
    for (DocumentRecord meta : state.documentMetas("", Integer.MAX_VALUE, false)) {
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
          long seconds = Math.max(0, (lock.expiresAt() - replicator.now()) / 1000);
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
    var detail = replicator.notLeader(null);
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
        .setTime(Timestamps.ofMillis(replicator.now()))
        .setAlert(Alert.newBuilder().setKind(kind).setMessage(message).setNodeId(node))
        .build();
  }
}
