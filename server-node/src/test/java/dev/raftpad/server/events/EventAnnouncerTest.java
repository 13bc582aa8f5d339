package dev.raftpad.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.LockReleaseReason;
import dev.raftpad.proto.v1.User;
import dev.raftpad.server.state.Change;
import dev.raftpad.server.state.DocumentAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventAnnouncerTest {
  private final List<Event> events = new ArrayList<>();
  private final AtomicBoolean listening = new AtomicBoolean(true);
  private final AtomicInteger userLookups = new AtomicInteger();
  private final EventSink sink =
      new EventSink() {
        @Override
        public void accept(Event event) {
          events.add(event);
        }

        @Override
        public void acceptAccessChange(Event event, DocumentAccess before) {
          events.add(event);
        }

        @Override
        public void acceptMention(Event event, List<String> userIds) {
          events.add(event);
        }
      };
  private final EventAnnouncer announcer =
      new EventAnnouncer(
          id -> {
            userLookups.incrementAndGet();
            return User.newBuilder().setUserId(id).setUsername("name-" + id).build();
          },
          sink,
          listening::get);

  @Test
  void nothingIsBuiltWhileNobodyListens() {
    listening.set(false);

    announcer.accept(
        new Change.EditCommitted("d1", 1, Operation.insert(0, "x"), "u1", "c1", 1, List.of(), 5));
    announcer.accept(new Change.PresenceChanged("", "u1", true, 5));

    assertThat(events).isEmpty();
    assertThat(userLookups).hasValue(0);
  }

  @Test
  void aCommittedEditIsItsOperationOnTheWireWithItsAuthor() {
    announcer.accept(
        new Change.EditCommitted(
            "d1", 7, Operation.insert(0, "x"), "u1", "c1", 3, List.of(), 5_000));

    Event event = events.get(0);
    assertThat(event.getDocumentId()).isEqualTo("d1");
    assertThat(event.getTime().getSeconds()).isEqualTo(5);
    assertThat(event.getOperation().getRevision()).isEqualTo(7);
    assertThat(event.getOperation().getOperation())
        .isEqualTo(OperationCodec.toWire(Operation.insert(0, "x")));
    assertThat(event.getOperation().getAuthor().getUsername()).isEqualTo("name-u1");
    assertThat(event.getOperation().getClientId()).isEqualTo("c1");
    assertThat(event.getOperation().getClientSeq()).isEqualTo(3);
  }

  @Test
  void documentLifecycleLocksAndPresenceBecomeTheirEvents() {
    DocumentRecord doc =
        DocumentRecord.newBuilder()
            .setDocumentId("d1")
            .setTitle("Plans")
            .setDeleted(true)
            .setCreatedAtMillis(1_000)
            .setUpdatedAtMillis(2_000)
            .build();
    LockRecord lock =
        LockRecord.newBuilder()
            .setUserId("u1")
            .setAcquiredAtMillis(1_000)
            .setExpiresAtMillis(61_000)
            .build();

    announcer.accept(new Change.DocumentChanged(Change.Lifecycle.APPEARED, doc, 4, 12, 2_000));
    announcer.accept(new Change.DocumentChanged(Change.Lifecycle.RENAMED, doc, 4, 12, 2_000));
    announcer.accept(new Change.DocumentChanged(Change.Lifecycle.DELETED, doc, 4, 12, 2_000));
    announcer.accept(new Change.LockAcquired("d1", lock, 1_000));
    announcer.accept(new Change.LockReleased("d1", "u1", 3_000));
    announcer.accept(new Change.PresenceChanged("", "u2", true, 3_000));
    announcer.accept(new Change.PresenceChanged("d1", "u2", false, 3_000));

    assertThat(events)
        .extracting(Event::getKindCase)
        .containsExactly(
            Event.KindCase.CREATED,
            Event.KindCase.RENAMED,
            Event.KindCase.DELETED,
            Event.KindCase.LOCKED,
            Event.KindCase.UNLOCKED,
            Event.KindCase.JOINED,
            Event.KindCase.LEFT);
    var info = events.get(2).getDeleted().getDocument();
    assertThat(info.getTitle()).isEqualTo("Plans");
    assertThat(info.getRevision()).isEqualTo(4);
    assertThat(info.getLength()).isEqualTo(12);
    assertThat(info.getDeleted()).isTrue();
    assertThat(info.getUpdatedAt().getSeconds()).isEqualTo(2);
    var locked = events.get(3).getLocked().getLock();
    assertThat(locked.getDocumentId()).isEqualTo("d1");
    assertThat(locked.getHolder().getUsername()).isEqualTo("name-u1");
    assertThat(locked.getExpiresAt().getSeconds()).isEqualTo(61);
    assertThat(events.get(4).getUnlocked().getReason())
        .isEqualTo(LockReleaseReason.LOCK_RELEASE_REASON_UNLOCKED);
    assertThat(events.get(5).getDocumentId()).as("the cluster").isEmpty();
    assertThat(events.get(6).getDocumentId()).isEqualTo("d1");
    assertThat(events.get(6).getLeft().getUser().getUserId()).isEqualTo("u2");
  }
}
