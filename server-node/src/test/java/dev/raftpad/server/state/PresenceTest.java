package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.PresenceCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PresenceTest {
  private final List<Change> changes = new ArrayList<>();
  private final Presence presence = new Presence(Set.of("u1", "u2")::contains, changes::add);

  private static PresenceCommand connection(String id, String user, long lease, String... docs) {
    return PresenceCommand.newBuilder()
        .setConnectionId(id)
        .setUserId(user)
        .addAllDocumentIds(List.of(docs))
        .setLeaseMillis(lease)
        .build();
  }

  @Test
  void oneUserOnTwoDevicesJoinsOnceAndLeavesWithTheLastConnection() {
    presence.apply(connection("k1", "u1", 30_000, "d1"), 1);
    presence.apply(connection("k2", "u1", 30_000, "d1", "d2"), 2);
    presence.apply(connection("k1", "u1", 0), 3);
    presence.apply(connection("k2", "u1", 0), 4);

    assertThat(changes)
        .containsExactly(
            new Change.PresenceChanged("", "u1", true, 1),
            new Change.PresenceChanged("d1", "u1", true, 1),
            new Change.PresenceChanged("d2", "u1", true, 2),
            new Change.PresenceChanged("d1", "u1", false, 4),
            new Change.PresenceChanged("d2", "u1", false, 4),
            new Change.PresenceChanged("", "u1", false, 4));
  }

  @Test
  void aLapsedLeaseIsALeaveAndRenewingKeepsTheStartTime() {
    presence.apply(connection("k1", "u1", 30_000, "d1"), 1_000);
    presence.apply(connection("k1", "u1", 30_000, "d1"), 20_000);
    assertThat(presence.online(40_000, id -> User.newBuilder().setUserId(id).build()))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.getSince().getSeconds()).isEqualTo(1);
              assertThat(entry.getDocumentIdsList()).containsExactly("d1");
            });

    presence.expire(50_000);

    assertThat(changes).last().isEqualTo(new Change.PresenceChanged("", "u1", false, 50_000));
    assertThat(presence.online(50_000, id -> User.getDefaultInstance())).isEmpty();
  }

  @Test
  void anUnknownUserIsRefusedAndARestoredPartHasTheSameConnections() {
    assertThat(presence.apply(connection("k9", "nobody", 30_000), 1))
        .isEqualTo(
            CommandResult.Refused.of(ErrorReason.ERROR_REASON_UNAUTHENTICATED, "unknown user"));
    presence.apply(connection("k1", "u2", 30_000, "d1"), 1);
    StateSnapshot.Builder snapshot = StateSnapshot.newBuilder();
    presence.writeTo(snapshot);

    Presence restored = new Presence(Set.of("u1", "u2")::contains, changes::add);
    restored.restore(snapshot.build());
    StateSnapshot.Builder again = StateSnapshot.newBuilder();
    restored.writeTo(again);

    assertThat(again.build()).isEqualTo(snapshot.build());
  }

  /**
   * The indexes (connections by user, leases by time) give the same changes as scanning every
   * connection, the way it was done before them: random renewals, ends and lapses on a few users,
   * with a snapshot and restore now and then.
   */
  @Test
  void theIndexesReportWhatAScanOfEveryConnectionReports() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      List<Change> indexed = new ArrayList<>();
      List<Change> scanned = new ArrayList<>();
      Presence subject = new Presence(Set.of("u1", "u2", "u3")::contains, indexed::add);
      ScanningPresence oracle = new ScanningPresence(scanned::add);
      long now = 0;
      for (int step = 0; step < 60; step++) {
        now += random.nextInt(20_000);
        subject.expire(now);
        oracle.expire(now);
        if (random.nextInt(10) == 0) {
          StateSnapshot.Builder snapshot = StateSnapshot.newBuilder();
          subject.writeTo(snapshot);
          subject = new Presence(Set.of("u1", "u2", "u3")::contains, indexed::add);
          subject.restore(snapshot.build());
        }
        List<String> docs = new ArrayList<>();
        for (String doc : List.of("d1", "d2", "d3")) {
          if (random.nextBoolean()) {
            docs.add(doc);
          }
        }
        PresenceCommand command =
            connection(
                "k" + random.nextInt(6),
                "u" + (1 + random.nextInt(3)),
                random.nextInt(4) == 0 ? 0 : 10_000 + random.nextInt(40_000),
                docs.toArray(String[]::new));
        subject.apply(command, now);
        oracle.apply(command, now);
        assertThat(indexed).as("seed %d, step %d", seed, step).isEqualTo(scanned);
      }
    }
  }

  /** Presence as it was before the indexes: every question a scan of every connection. */
  private static final class ScanningPresence {
    private final TreeMap<String, PresenceCommand> connections = new TreeMap<>();
    private final java.util.function.Consumer<Change> changes;

    ScanningPresence(java.util.function.Consumer<Change> changes) {
      this.changes = changes;
    }

    // The lease's end, kept beside each connection (a command carries only its length).
    private final Map<String, Long> expiresAt = new HashMap<>();

    void apply(PresenceCommand c, long now) {
      if (c.getLeaseMillis() <= 0) {
        remove(c.getConnectionId(), now);
        return;
      }
      boolean wasOnline = online(c.getUserId());
      Set<String> before = documentsOf(c.getUserId());
      connections.put(c.getConnectionId(), c);
      expiresAt.put(c.getConnectionId(), now + c.getLeaseMillis());
      if (!wasOnline) {
        changes.accept(new Change.PresenceChanged("", c.getUserId(), true, now));
      }
      for (String doc : documentsOf(c.getUserId())) {
        if (!before.contains(doc)) {
          changes.accept(new Change.PresenceChanged(doc, c.getUserId(), true, now));
        }
      }
    }

    void expire(long now) {
      List<String> lapsed = new ArrayList<>();
      connections
          .keySet()
          .forEach(
              id -> {
                if (expiresAt.get(id) <= now) {
                  lapsed.add(id);
                }
              });
      lapsed.forEach(id -> remove(id, now));
    }

    private void remove(String id, long now) {
      PresenceCommand gone = connections.get(id);
      if (gone == null) {
        return;
      }
      Set<String> before = documentsOf(gone.getUserId());
      connections.remove(id);
      expiresAt.remove(id);
      Set<String> after = documentsOf(gone.getUserId());
      for (String doc : before) {
        if (!after.contains(doc)) {
          changes.accept(new Change.PresenceChanged(doc, gone.getUserId(), false, now));
        }
      }
      if (!online(gone.getUserId())) {
        changes.accept(new Change.PresenceChanged("", gone.getUserId(), false, now));
      }
    }

    private boolean online(String user) {
      return connections.values().stream().anyMatch(c -> c.getUserId().equals(user));
    }

    private Set<String> documentsOf(String user) {
      Set<String> docs = new TreeSet<>();
      connections.values().stream()
          .filter(c -> c.getUserId().equals(user))
          .forEach(c -> docs.addAll(c.getDocumentIdsList()));
      return docs;
    }
  }
}
