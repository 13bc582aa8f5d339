package dev.raftpad.server.state;

import dev.raftpad.proto.v1.ConnectionRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.PresenceCommand;
import dev.raftpad.proto.v1.PresenceEntry;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.User;
import dev.raftpad.server.wire.Timestamps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who is online: one leased connection per Subscribe stream, renewed through the log by the node
 * serving it. One part of the replicated state. A user is online while any of their connections is
 * (one user on two devices is online once), and in a document while any connection has it open;
 * joining and leaving either is reported as a change.
 */
final class Presence {
  private final TreeMap<String, ConnectionRecord> connections = new TreeMap<>();

  // Two indexes of `connections`, so a renewal and the expiry check before every command cost
  // O(log n) instead of a scan of every connection on the apply loop of every replica (issue 19:
  // with 1,000 people connected the scans were a tenth of the leader's samples).
  private final Map<String, TreeSet<String>> connectionsByUser = new HashMap<>();
  private final TreeSet<Lease> leases = new TreeSet<>();

  /** When a connection's lease runs out; ordered by time, then id. */
  private record Lease(long expiresAtMillis, String connectionId) implements Comparable<Lease> {
    @Override
    public int compareTo(Lease other) {
      int byTime = Long.compare(expiresAtMillis, other.expiresAtMillis);
      return byTime != 0 ? byTime : connectionId.compareTo(other.connectionId);
    }
  }

  private final Predicate<String> userExists;
  private final Consumer<Change> changes;

  Presence(Predicate<String> userExists, Consumer<Change> changes) {
    this.userExists = userExists;
    this.changes = changes;
  }

  /** Records or renews a connection (lease > 0), or ends it (lease 0). */
  CommandResult<String> apply(PresenceCommand c, long now) {
    if (c.getLeaseMillis() <= 0) {
      remove(c.getConnectionId(), now);
      return new CommandResult.Applied<>(c.getConnectionId());
    }
    if (!userExists.test(c.getUserId())) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_UNAUTHENTICATED, "unknown user");
    }
    boolean wasOnline = isOnline(c.getUserId());
    Set<String> before = documentsOf(c.getUserId());
    ConnectionRecord previous = connections.get(c.getConnectionId());
    put(
        ConnectionRecord.newBuilder()
            .setConnectionId(c.getConnectionId())
            .setUserId(c.getUserId())
            .addAllDocumentIds(c.getDocumentIdsList())
            .setSinceMillis(previous == null ? now : previous.getSinceMillis())
            .setExpiresAtMillis(now + c.getLeaseMillis())
            .build());
    if (!wasOnline) {
      changes.accept(new Change.PresenceChanged("", c.getUserId(), true, now));
    }
    for (String document : documentsOf(c.getUserId())) {
      if (!before.contains(document)) {
        changes.accept(new Change.PresenceChanged(document, c.getUserId(), true, now));
      }
    }
    return new CommandResult.Applied<>(c.getConnectionId());
  }

  /** Ends the connections whose lease ran out by {@code now}; runs before every command. */
  void expire(long now) {
    if (leases.isEmpty() || leases.first().expiresAtMillis() > now) {
      return;
    }
    // In connection id order, as before the index: the order of the changes reported.
    TreeSet<String> lapsed = new TreeSet<>();
    for (Lease lease : leases) {
      if (lease.expiresAtMillis() > now) {
        break;
      }
      lapsed.add(lease.connectionId());
    }
    lapsed.forEach(id -> remove(id, now));
  }

  private void remove(String connectionId, long now) {
    ConnectionRecord gone = connections.get(connectionId);
    if (gone == null) {
      return;
    }
    Set<String> before = documentsOf(gone.getUserId());
    unindex(connections.remove(connectionId));
    Set<String> after = documentsOf(gone.getUserId());
    for (String document : before) {
      if (!after.contains(document)) {
        changes.accept(new Change.PresenceChanged(document, gone.getUserId(), false, now));
      }
    }
    if (!isOnline(gone.getUserId())) {
      // One user on two devices is online once: only the last connection's end is a LEAVE.
      changes.accept(new Change.PresenceChanged("", gone.getUserId(), false, now));
    }
  }

  private boolean isOnline(String userId) {
    return connectionsByUser.containsKey(userId);
  }

  private void put(ConnectionRecord connection) {
    unindex(connections.put(connection.getConnectionId(), connection));
    connectionsByUser
        .computeIfAbsent(connection.getUserId(), u -> new TreeSet<>())
        .add(connection.getConnectionId());
    leases.add(new Lease(connection.getExpiresAtMillis(), connection.getConnectionId()));
  }

  private void unindex(ConnectionRecord connection) {
    if (connection == null) {
      return;
    }
    leases.remove(new Lease(connection.getExpiresAtMillis(), connection.getConnectionId()));
    TreeSet<String> ofUser = connectionsByUser.get(connection.getUserId());
    if (ofUser != null) {
      ofUser.remove(connection.getConnectionId());
      if (ofUser.isEmpty()) {
        connectionsByUser.remove(connection.getUserId());
      }
    }
  }

  /** The documents a user has open on any of their connections, in id order. */
  private Set<String> documentsOf(String userId) {
    Set<String> documents = new TreeSet<>();
    for (String id : connectionsByUser.getOrDefault(userId, EMPTY)) {
      documents.addAll(connections.get(id).getDocumentIdsList());
    }
    return documents;
  }

  /** Everybody online at {@code now}: one entry per user, with the documents they have open. */
  List<PresenceEntry> online(long now, Function<String, User> users) {
    TreeMap<String, PresenceEntry.Builder> byUser = new TreeMap<>();
    for (ConnectionRecord c : connections.values()) {
      if (c.getExpiresAtMillis() <= now) {
        continue;
      }
      PresenceEntry.Builder entry =
          byUser.computeIfAbsent(
              c.getUserId(),
              u ->
                  PresenceEntry.newBuilder()
                      .setUser(users.apply(u))
                      .setSince(Timestamps.ofMillis(c.getSinceMillis())));
      for (String doc : c.getDocumentIdsList()) {
        if (!entry.getDocumentIdsList().contains(doc)) {
          entry.addDocumentIds(doc);
        }
      }
    }
    return byUser.values().stream().map(PresenceEntry.Builder::build).toList();
  }

  void writeTo(StateSnapshot.Builder snapshot) {
    snapshot.addAllConnections(connections.values());
  }

  void restore(StateSnapshot snapshot) {
    connections.clear();
    connectionsByUser.clear();
    leases.clear();
    snapshot.getConnectionsList().forEach(this::put);
  }

  private static final TreeSet<String> EMPTY = new TreeSet<>();
}
