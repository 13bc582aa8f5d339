package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.UnlockDocumentCommand;
import dev.raftpad.proto.v1.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocksTest {
  private final List<Change> changes = new ArrayList<>();
  private final Map<String, UserRecord> users =
      Map.of("u1", UserRecord.newBuilder().setUserId("u1").setUsername("ada").build());
  private final Locks locks = new Locks(users::get, changes::add);

  private static LockDocumentCommand lock(String doc, String user, String session, long lease) {
    return LockDocumentCommand.newBuilder()
        .setDocumentId(doc)
        .setUserId(user)
        .setSessionId(session)
        .setLeaseMillis(lease)
        .build();
  }

  private static UnlockDocumentCommand unlock(String doc, String user) {
    return UnlockDocumentCommand.newBuilder().setDocumentId(doc).setUserId(user).build();
  }

  @Test
  void aLockRefusesOthersWritesNamingTheHolderUntilItsLeaseRunsOut() {
    locks.lock(lock("d1", "u1", "s1", 10_000), 1_000);

    Optional<CommandResult.Refused<Void>> refusal = locks.refuseWrite("d1", "u2", 5_000);
    assertThat(refusal).isPresent();
    assertThat(refusal.get().reason()).isEqualTo(ErrorReason.ERROR_REASON_DOCUMENT_LOCKED);
    assertThat(refusal.get().metadata())
        .containsEntry("holder", "ada")
        .containsEntry("expires_at", "1970-01-01T00:00:11Z");
    assertThat(locks.<Void>refuseWrite("d1", "u1", 5_000)).as("the holder writes").isEmpty();
    assertThat(locks.<Void>refuseWrite("d1", "u2", 11_000)).as("expired").isEmpty();
    assertThat(locks.<Void>refuseWrite("d2", "u2", 5_000)).as("another document").isEmpty();
  }

  @Test
  void renewingKeepsTheAcquisitionTimeAndIsAnnouncedEachTime() {
    CommandResult<LockRecord> first = locks.lock(lock("d1", "u1", "s1", 10_000), 1_000);
    CommandResult<LockRecord> renewed = locks.lock(lock("d1", "u1", "s1", 10_000), 8_000);

    LockRecord expected =
        LockRecord.newBuilder()
            .setUserId("u1")
            .setSessionId("s1")
            .setAcquiredAtMillis(1_000)
            .setExpiresAtMillis(18_000)
            .build();
    assertThat(renewed).isEqualTo(new CommandResult.Applied<>(expected));
    assertThat(first).isInstanceOf(CommandResult.Applied.class);
    assertThat(changes).hasSize(2).last().isEqualTo(new Change.LockAcquired("d1", expected, 8_000));
  }

  @Test
  void onlyTheHolderUnlocksAndUnlockingNothingIsANoOp() {
    locks.lock(lock("d1", "u1", "s1", 10_000), 1_000);

    assertThat(locks.unlock(unlock("d1", "u2"), 2_000))
        .isEqualTo(
            CommandResult.Refused.of(
                ErrorReason.ERROR_REASON_NOT_LOCK_HOLDER,
                "you do not hold the lock on this document"));
    assertThat(locks.unlock(unlock("d1", "u1"), 2_000))
        .isEqualTo(new CommandResult.Applied<>("d1"));
    assertThat(locks.unlock(unlock("d1", "u1"), 2_000))
        .isEqualTo(new CommandResult.Applied<>("d1"));
    assertThat(changes).last().isEqualTo(new Change.LockReleased("d1", "u1", 2_000));
    assertThat(locks.live("d1", 2_000)).isEmpty();
  }

  @Test
  void aSessionsLocksEndWithItAndAPurgedDocumentsLockGoesWithIt() {
    locks.lock(lock("d1", "u1", "s1", 10_000), 1_000);
    locks.lock(lock("d2", "u1", "s2", 10_000), 1_000);
    locks.lock(lock("d3", "u1", "s1", 10_000), 1_000);

    locks.releaseSession("s1");
    locks.forget("d2");

    assertThat(locks.live("d1", 2_000)).isEmpty();
    assertThat(locks.live("d2", 2_000)).isEmpty();
    assertThat(locks.live("d3", 2_000)).isEmpty();
    assertThat(changes).as("neither is announced").hasSize(3);
  }

  @Test
  void aLockTravelsInsideItsDocumentsRecord() {
    locks.lock(lock("d1", "u1", "s1", 10_000), 1_000);
    DocumentRecord d1 = DocumentRecord.newBuilder().setDocumentId("d1").build();
    DocumentRecord withLock = locks.attachTo(d1);
    assertThat(withLock.getLock().getUserId()).isEqualTo("u1");
    assertThat(locks.attachTo(DocumentRecord.newBuilder().setDocumentId("d2").build()).hasLock())
        .isFalse();

    Locks restored = new Locks(users::get, changes::add);
    restored.restore(StateSnapshot.newBuilder().addDocuments(withLock).build());
    assertThat(restored.attachTo(d1)).isEqualTo(withLock);
  }
}
