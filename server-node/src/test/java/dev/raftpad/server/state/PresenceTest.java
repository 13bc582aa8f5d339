package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.PresenceCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
}
