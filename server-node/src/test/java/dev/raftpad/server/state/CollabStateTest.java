package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccessGrantRecord;
import dev.raftpad.proto.v1.AccessRole;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.CreateSessionCommand;
import dev.raftpad.proto.v1.EndSessionCommand;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.RenameDocumentCommand;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.UnlockDocumentCommand;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CollabStateTest {
  private long index;

  private static Command at(long time, Command.Builder command) {
    return command.setTimeMillis(time).setFormatVersion(FormatVersion.CURRENT).build();
  }

  private CommandResult<?> apply(CollabState state, Command command) {
    return state.apply(++index, command.toByteArray());
  }

  private static CommandResult.Refused<?> refusal(CommandResult<?> result) {
    if (result instanceof CommandResult.Refused<?> refused) {
      return refused;
    }
    throw new AssertionError("expected a refusal, got " + result);
  }

  private static Command register(long time, String id, String name) {
    return at(
        time,
        Command.newBuilder()
            .setRegisterUser(
                RegisterUserCommand.newBuilder()
                    .setUserId(id)
                    .setUsername(name)
                    .setDisplayName(name)
                    .setPasswordHash("$2a$10$hash-" + name)));
  }

  private static Command createDoc(long time, String id, String owner) {
    return at(
        time,
        Command.newBuilder()
            .setCreateDocument(
                CreateDocumentCommand.newBuilder()
                    .setDocumentId(id)
                    .setTitle("Doc " + id)
                    .setOwnerUserId(owner)
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hello\n")))));
  }

  /** The owner shares a document with a user as an editor. */
  private static Command shareToEdit(long time, String doc, String owner, String user) {
    return at(
        time,
        Command.newBuilder()
            .setChangeAccess(
                ChangeAccessCommand.newBuilder()
                    .setDocumentId(doc)
                    .setUserId(owner)
                    .setGrant(
                        AccessGrantRecord.newBuilder()
                            .setUserId(user)
                            .setRole(AccessRole.ACCESS_ROLE_EDITOR))));
  }

  private static Command edit(
      long time, String doc, String user, String client, long seq, long base, Operation op) {
    return at(
        time,
        Command.newBuilder()
            .setSubmitOperation(
                SubmitOperationCommand.newBuilder()
                    .setDocumentId(doc)
                    .setUserId(user)
                    .setClientId(client)
                    .setClientSeq(seq)
                    .setBaseRevision(base)
                    .setOperation(OperationCodec.toWire(op))));
  }

  private static Command lock(long time, String doc, String user, String session, long lease) {
    return at(
        time,
        Command.newBuilder()
            .setLockDocument(
                LockDocumentCommand.newBuilder()
                    .setDocumentId(doc)
                    .setUserId(user)
                    .setSessionId(session)
                    .setLeaseMillis(lease)));
  }

  /** A random but valid command stream: the same one is fed to several replicas. */
  private static List<Command> randomLog(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Command> log = new ArrayList<>();
    log.add(register(1, "u1", "ada"));
    log.add(register(2, "u2", "grace"));
    log.add(createDoc(3, "d1", "u1"));
    long time = 10;
    long[] seq = {0, 0};
    for (int i = 0; i < 300; i++) {
      time += random.nextInt(1000);
      int who = random.nextInt(2);
      switch (random.nextInt(6)) {
        case 0 -> log.add(lock(time, "d1", "u" + (who + 1), "s" + who, 5_000));
        case 1 ->
            log.add(
                at(
                    time,
                    Command.newBuilder()
                        .setUnlockDocument(
                            UnlockDocumentCommand.newBuilder()
                                .setDocumentId("d1")
                                .setUserId("u" + (who + 1)))));
        default ->
            // Inserting at 0 against revision 0 always fits: the server transforms it forward.
            log.add(
                edit(
                    time,
                    "d1",
                    "u" + (who + 1),
                    "c" + who,
                    ++seq[who],
                    0,
                    Operation.insert(0, "x" + i)));
      }
    }
    return log;
  }

  @Test
  void replicasFedTheSameLogEndByteIdentical() {
    List<Command> log = randomLog(42);
    CollabState a = new CollabState();
    CollabState b = new CollabState();
    for (Command command : log) {
      apply(a, command);
      apply(b, command);
    }
    assertThat(a.snapshot().encode()).isEqualTo(b.snapshot().encode());
    assertThat(a.documentLog("d1").headRevision()).isPositive();
  }

  @Test
  void aRestoredSnapshotIsTheSameStateAndKeepsWorking() {
    CollabState original = new CollabState();
    for (Command command : randomLog(7)) {
      apply(original, command);
    }
    CollabState restored = new CollabState();
    restored.restore(new SnapshotMeta(index, 1, Membership.EMPTY), original.snapshot().encode());

    assertThat(restored.snapshot().encode()).isEqualTo(original.snapshot().encode());
    Command next = edit(10_000_000, "d1", "u1", "c9", 1, 0, Operation.insert(0, "after"));
    assertThat(apply(restored, next)).isEqualTo(apply(original, next));
    assertThat(restored.snapshot().encode()).isEqualTo(original.snapshot().encode());
  }

  @Test
  void aSnapshotEncodesTheStateAtItsCaptureWhateverIsAppliedBeforeItIsEncoded() {
    // The Raft loop captures, the snapshot writer's thread encodes later while apply goes on.
    List<Command> log = randomLog(11);
    int half = log.size() / 2;
    CollabState live = new CollabState();
    CollabState stoppedHalfway = new CollabState();
    for (Command command : log.subList(0, half)) {
      apply(live, command);
      apply(stoppedHalfway, command);
    }
    StateMachine.Image captured = live.snapshot();
    for (Command command : log.subList(half, log.size())) {
      apply(live, command);
    }
    live.documentLog("d1").compactTo(live.documentLog("d1").headRevision());

    assertThat(captured.encode()).isEqualTo(stoppedHalfway.snapshot().encode());
    assertThat(live.snapshot().encode()).isNotEqualTo(captured.encode());
  }

  @Test
  void editsAreExactlyOncePerClientSequence() {
    CollabState state = new CollabState();
    apply(state, register(1, "u1", "ada"));
    apply(state, createDoc(2, "d1", "u1"));
    // The document's initial text is its revision 1 (revision 0 is the empty document).
    Command typing = edit(3, "d1", "u1", "c1", 1, 1, Operation.insert(0, "a"));

    CommandResult<?> first = apply(state, typing);
    CommandResult<?> again = apply(state, typing);

    assertThat(first).isEqualTo(new CommandResult.Applied<>(new EditResult(2, false)));
    assertThat(again).isEqualTo(new CommandResult.Applied<>(new EditResult(2, true)));
    assertThat(state.documentLog("d1").head().text()).isEqualTo("ahello\n");
  }

  @Test
  void aLockRefusesOtherUsersEditsNamingTheHolderUntilItExpires() {
    CollabState state = new CollabState();
    apply(state, register(1, "u1", "ada"));
    apply(state, register(2, "u2", "grace"));
    apply(state, createDoc(3, "d1", "u1"));
    apply(state, shareToEdit(4, "d1", "u1", "u2"));
    apply(state, lock(1_000, "d1", "u1", "s1", 10_000));

    CommandResult<?> refused =
        apply(state, edit(5_000, "d1", "u2", "c2", 1, 0, Operation.insert(0, "x")));
    assertThat(refusal(refused).reason()).isEqualTo(ErrorReason.ERROR_REASON_DOCUMENT_LOCKED);
    assertThat(refusal(refused).metadata()).containsEntry("holder", "ada");
    assertThat(state.documentLog("d1").headRevision()).isEqualTo(1); // its initial text
    assertThat(apply(state, edit(5_000, "d1", "u1", "c1", 1, 0, Operation.insert(0, "y"))))
        .isInstanceOf(CommandResult.Applied.class);

    // The lease ran out at 11,000 ms of leader time.
    assertThat(apply(state, edit(11_000, "d1", "u2", "c2", 1, 1, Operation.insert(0, "x"))))
        .isInstanceOf(CommandResult.Applied.class);
  }

  @Test
  void endingASessionReleasesItsLocks() {
    CollabState state = new CollabState();
    apply(state, register(1, "u1", "ada"));
    apply(state, register(2, "u2", "grace"));
    apply(
        state,
        at(
            2,
            Command.newBuilder()
                .setCreateSession(
                    CreateSessionCommand.newBuilder()
                        .setSessionId("s1")
                        .setUserId("u1")
                        .setTokenHash(ByteString.copyFrom(new byte[] {1, 2, 3}))
                        .setExpiresAtMillis(1_000_000))));
    apply(state, createDoc(3, "d1", "u1"));
    apply(state, shareToEdit(3, "d1", "u1", "u2"));
    apply(state, lock(4, "d1", "u1", "s1", 600_000));

    apply(
        state,
        at(
            5,
            Command.newBuilder().setEndSession(EndSessionCommand.newBuilder().setSessionId("s1"))));

    assertThat(apply(state, edit(6, "d1", "u2", "c2", 1, 0, Operation.insert(0, "x"))))
        .isInstanceOf(CommandResult.Applied.class);
    assertThat(state.sessionIndex().find(new byte[] {1, 2, 3}, 6)).isNull();
  }

  @Test
  void badCommandsAreRefusedAndChangeNothing() {
    CollabState state = new CollabState();
    apply(state, register(1, "u1", "ada"));
    apply(state, createDoc(2, "d1", "u1"));
    byte[] before = state.snapshot().encode();

    assertThat(apply(state, register(3, "u9", "ada")))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_USERNAME_TAKEN));
    assertThat(apply(state, edit(4, "nope", "u1", "c1", 1, 0, Operation.insert(0, "x"))))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_DOCUMENT_NOT_FOUND));
    assertThat(apply(state, edit(5, "d1", "u1", "c1", 1, 0, Operation.delete(0, 99))))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_OPERATION_OUT_OF_RANGE));
    assertThat(apply(state, edit(6, "d1", "u1", "c1", 1, 7, Operation.insert(0, "x"))))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_REVISION_IN_FUTURE));
    assertThat(
            apply(
                state,
                at(
                    7,
                    Command.newBuilder()
                        .setUnlockDocument(
                            UnlockDocumentCommand.newBuilder()
                                .setDocumentId("d1")
                                .setUserId("u1")))))
        .as("unlocking what nobody holds is an idempotent no-op, not an error")
        .isInstanceOf(CommandResult.Applied.class);
    assertThat(state.apply(++index, new byte[] {(byte) 0xff, 0x01}))
        .isInstanceOf(CommandResult.Refused.class);

    assertThat(state.snapshot().encode()).isEqualTo(before);
  }

  @Test
  void aDocumentCannotGrowPastItsLimit() {
    CollabState state = new CollabState();
    apply(state, register(1, "u1", "ada"));
    apply(state, createDoc(2, "d1", "u1"));
    String big = "x".repeat(CollabState.MAX_DOCUMENT_CODE_POINTS);

    CommandResult<?> tooLarge =
        apply(state, edit(3, "d1", "u1", "c1", 1, 0, Operation.insert(0, big)));
    assertThat(refusal(tooLarge).reason()).isEqualTo(ErrorReason.ERROR_REASON_TOO_LARGE);
    assertThat(refusal(tooLarge).metadata()).containsEntry("limit", "1000000");
    assertThat(state.documentLog("d1").headRevision()).isEqualTo(1); // its initial text
  }

  @Test
  void theFirstAccountIsAdminAndUsersAreFoundByName() {
    CollabState state = new CollabState();
    apply(state, register(1, "u1", "ada"));
    apply(state, register(2, "u2", "grace"));
    apply(state, createDoc(3, "d1", "u1"));

    apply(
        state,
        at(
            4,
            Command.newBuilder()
                .setRenameDocument(
                    RenameDocumentCommand.newBuilder()
                        .setDocumentId("d1")
                        .setUserId("u2")
                        .setTitle("Plans"))));

    assertThat(state.user("u1").getAdmin()).isTrue();
    assertThat(state.user("u2").getAdmin()).isFalse();
    assertThat(state.userByName("grace").getUserId()).isEqualTo("u2");
  }

  private static Command delete(long time, String doc, String user) {
    return at(
        time,
        Command.newBuilder()
            .setDeleteDocument(
                dev.raftpad.proto.v1.DeleteDocumentCommand.newBuilder()
                    .setDocumentId(doc)
                    .setUserId(user)));
  }

  private static Command undelete(long time, String doc, String user) {
    return at(
        time,
        Command.newBuilder()
            .setUndeleteDocument(
                dev.raftpad.proto.v1.UndeleteDocumentCommand.newBuilder()
                    .setDocumentId(doc)
                    .setUserId(user)));
  }

  @Test
  void theTrashKeepsADocumentRestorableUntilItsRetentionEndsThenPurgesIt() {
    CollabState state = new CollabState();
    apply(state, register(1, "u1", "ada"));
    apply(state, register(2, "u2", "grace"));
    apply(state, createDoc(3, "d1", "u1"));
    apply(state, createDoc(4, "d2", "u1"));

    assertThat(apply(state, delete(10, "d1", "u1"))).isInstanceOf(CommandResult.Applied.class);
    assertThat(state.documentLog("d1")).isNull();
    assertThat(refusal(apply(state, undelete(11, "d1", "u2"))).metadata())
        .containsEntry("required_role", "OWNER")
        .containsEntry("your_role", "NONE");
    assertThat(apply(state, undelete(12, "d1", "u1"))).isInstanceOf(CommandResult.Applied.class);
    assertThat(state.documentLog("d1").head().text()).isEqualTo("hello\n");

    long deletedAt = 20;
    apply(state, delete(deletedAt, "d2", "u1"));
    long justBefore = deletedAt + CollabState.TRASH_RETENTION_MILLIS - 1;
    apply(state, createDoc(justBefore, "d3", "u1"));
    assertThat(state.documentLogIncludingDeleted("d2")).isNotNull();

    // Purging happens at apply time from the command's time, so every replica purges alike.
    apply(state, createDoc(justBefore + 1, "d4", "u1"));
    assertThat(state.documentLogIncludingDeleted("d2")).isNull();
    assertThat(apply(state, undelete(justBefore + 2, "d2", "u1")))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_DOCUMENT_NOT_FOUND));
  }

  @Test
  void closedRegistrationAdmitsTheFirstAccountAndAdminsOnly() {
    CollabState state = new CollabState();
    Command first =
        at(
            1,
            Command.newBuilder()
                .setRegisterUser(
                    RegisterUserCommand.newBuilder()
                        .setUserId("u1")
                        .setUsername("ada")
                        .setPasswordHash("$2a$10$x")
                        .setRegistrationClosed(true)));
    assertThat(apply(state, first)).isInstanceOf(CommandResult.Applied.class);

    var closed =
        RegisterUserCommand.newBuilder()
            .setUserId("u2")
            .setUsername("grace")
            .setPasswordHash("$2a$10$y")
            .setRegistrationClosed(true);
    assertThat(apply(state, at(2, Command.newBuilder().setRegisterUser(closed))))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_REGISTRATION_CLOSED));
    assertThat(state.userByName("grace")).isNull();
    assertThat(
            apply(
                state,
                at(3, Command.newBuilder().setRegisterUser(closed.setRequestedByAdmin(true)))))
        .isInstanceOf(CommandResult.Applied.class);
  }
}
