package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccessGrantRecord;
import dev.raftpad.proto.v1.AccessRole;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.SnapshotMeta;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sharing rules as the state machine applies them: who may change access, what a change does,
 * that replicas fed the same log end byte-identical, and that documents from before access control
 * stay open to everyone who could use them (ADR 0011).
 */
class SharingTest {
  // The first account registered administers the cluster.
  private static final List<String> USERS = List.of("admin", "u1", "u2", "u3");

  private static byte[] command(long time, Command.Builder command) {
    return command
        .setTimeMillis(time)
        .setFormatVersion(FormatVersion.CURRENT)
        .build()
        .toByteArray();
  }

  private static Command.Builder register(String id) {
    return Command.newBuilder()
        .setRegisterUser(RegisterUserCommand.newBuilder().setUserId(id).setUsername("name-" + id));
  }

  private static Command.Builder create(String doc, String owner) {
    return Command.newBuilder()
        .setCreateDocument(
            CreateDocumentCommand.newBuilder()
                .setDocumentId(doc)
                .setTitle(doc)
                .setOwnerUserId(owner)
                .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hi\n"))));
  }

  private static Command.Builder grant(String doc, String by, String user, AccessRole role) {
    return Command.newBuilder()
        .setChangeAccess(
            ChangeAccessCommand.newBuilder()
                .setDocumentId(doc)
                .setUserId(by)
                .setGrant(AccessGrantRecord.newBuilder().setUserId(user).setRole(role)));
  }

  private static Command.Builder link(String doc, String by, AccessRole role) {
    return Command.newBuilder()
        .setChangeAccess(
            ChangeAccessCommand.newBuilder().setDocumentId(doc).setUserId(by).setLinkRole(role));
  }

  private static Command.Builder transfer(String doc, String by, String to) {
    return Command.newBuilder()
        .setChangeAccess(
            ChangeAccessCommand.newBuilder()
                .setDocumentId(doc)
                .setUserId(by)
                .setNewOwnerUserId(to));
  }

  private static Command.Builder edit(String doc, String user, long seq) {
    return Command.newBuilder()
        .setSubmitOperation(
            SubmitOperationCommand.newBuilder()
                .setDocumentId(doc)
                .setUserId(user)
                .setClientId("c-" + user)
                .setClientSeq(seq)
                .setBaseRevision(1)
                .setOperation(OperationCodec.toWire(Operation.insert(0, "x"))));
  }

  private static CollabState withUsersAndDocument() {
    CollabState state = new CollabState();
    long index = 0;
    for (String user : USERS) {
      state.apply(++index, command(index, register(user)));
    }
    state.apply(++index, command(index, create("d1", "u1")));
    return state;
  }

  private static ErrorReason refusal(CommandResult<?> result) {
    return ((CommandResult.Refused<?>) result).reason();
  }

  @Test
  void aNewDocumentIsItsOwnersAloneUntilShared() {
    CollabState state = withUsersAndDocument();

    assertThat(state.roleOf("d1", "u1")).isEqualTo(Role.OWNER);
    assertThat(state.roleOf("d1", "u2")).isEqualTo(Role.NONE);
    assertThat(state.roleOf("d1", "admin")).as("admins have no role").isEqualTo(Role.NONE);
    assertThat(refusal(state.apply(10, command(10, edit("d1", "u2", 1)))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);

    state.apply(11, command(11, grant("d1", "u1", "u2", AccessRole.ACCESS_ROLE_VIEWER)));
    assertThat(refusal(state.apply(12, command(12, edit("d1", "u2", 1)))))
        .as("a viewer reads only")
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
    state.apply(13, command(13, grant("d1", "u1", "u2", AccessRole.ACCESS_ROLE_EDITOR)));
    assertThat(state.apply(14, command(14, edit("d1", "u2", 1))))
        .isInstanceOf(CommandResult.Applied.class);
  }

  @Test
  void onlyTheOwnerChangesAccessAndAnAdminOnlyTransfersOwnership() {
    CollabState state = withUsersAndDocument();
    state.apply(10, command(10, grant("d1", "u1", "u2", AccessRole.ACCESS_ROLE_EDITOR)));

    assertThat(
            refusal(
                state.apply(
                    11, command(11, grant("d1", "u2", "u3", AccessRole.ACCESS_ROLE_VIEWER)))))
        .as("an editor may not share")
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
    assertThat(
            refusal(
                state.apply(12, command(12, link("d1", "admin", AccessRole.ACCESS_ROLE_EDITOR)))))
        .isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED);
    assertThat(
            refusal(
                state.apply(
                    13, command(13, grant("d1", "u1", "nobody", AccessRole.ACCESS_ROLE_VIEWER)))))
        .isEqualTo(ErrorReason.ERROR_REASON_USER_NOT_FOUND);
    assertThat(
            refusal(
                state.apply(
                    14, command(14, grant("d1", "u1", "u1", AccessRole.ACCESS_ROLE_VIEWER)))))
        .as("the owner's access is not a grant")
        .isEqualTo(ErrorReason.ERROR_REASON_INVALID_FIELD);

    assertThat(state.apply(15, command(15, transfer("d1", "admin", "u3"))))
        .isInstanceOf(CommandResult.Applied.class);
    assertThat(state.roleOf("d1", "u3")).isEqualTo(Role.OWNER);
    assertThat(state.roleOf("d1", "u1"))
        .as("the previous owner keeps editing")
        .isEqualTo(Role.EDITOR);
    assertThat(state.roleOf("d1", "admin")).isEqualTo(Role.NONE);
    assertThat(state.documentMeta("d1").getAccessChangesList()).hasSize(2);
  }

  @Test
  void aHolderWhoMayNoLongerEditLosesTheLock() {
    CollabState state = withUsersAndDocument();
    state.apply(10, command(10, grant("d1", "u1", "u2", AccessRole.ACCESS_ROLE_EDITOR)));
    state.apply(
        11,
        command(
            11,
            Command.newBuilder()
                .setLockDocument(
                    dev.raftpad.proto.v1.LockDocumentCommand.newBuilder()
                        .setDocumentId("d1")
                        .setUserId("u2")
                        .setSessionId("s2")
                        .setLeaseMillis(600_000))));
    assertThat(refusal(state.apply(12, command(12, edit("d1", "u1", 1)))))
        .isEqualTo(ErrorReason.ERROR_REASON_DOCUMENT_LOCKED);

    state.apply(13, command(13, grant("d1", "u1", "u2", AccessRole.ACCESS_ROLE_VIEWER)));

    assertThat(state.documentMeta("d1").hasLock()).isFalse();
    assertThat(state.apply(14, command(14, edit("d1", "u1", 1))))
        .isInstanceOf(CommandResult.Applied.class);
  }

  @Test
  void aChangeThatChangesNothingRecordsNothing() {
    CollabState state = withUsersAndDocument();
    var first =
        state.apply(10, command(10, grant("d1", "u1", "u2", AccessRole.ACCESS_ROLE_VIEWER)));
    var again =
        state.apply(11, command(11, grant("d1", "u1", "u2", AccessRole.ACCESS_ROLE_VIEWER)));
    state.apply(12, command(12, grant("d1", "u1", "u3", AccessRole.ACCESS_ROLE_NONE)));
    state.apply(13, command(13, transfer("d1", "u1", "u1")));

    assertThat(again).isEqualTo(first);
    assertThat(state.documentMeta("d1").getAccessChangesList()).hasSize(1);
  }

  @Test
  void replicasFedTheSameLogEndByteIdentical() {
    Random random = new Random(17);
    List<byte[]> log = new ArrayList<>();
    for (String user : USERS) {
      log.add(command(log.size(), register(user)));
    }
    log.add(command(log.size(), create("d1", "u1")));
    log.add(command(log.size(), create("d2", "u2")));
    AccessRole[] roles = AccessRole.values();
    for (int i = 0; i < 300; i++) {
      String doc = random.nextBoolean() ? "d1" : "d2";
      String actor = USERS.get(random.nextInt(USERS.size()));
      String other = USERS.get(random.nextInt(USERS.size()));
      AccessRole role = roles[random.nextInt(roles.length - 1)]; // not UNRECOGNIZED
      Command.Builder next =
          switch (random.nextInt(4)) {
            case 0 -> grant(doc, actor, other, role);
            case 1 -> link(doc, actor, role);
            case 2 -> transfer(doc, actor, other);
            default -> edit(doc, actor, i + 1);
          };
      log.add(command(1_000 + i, next));
    }
    CollabState one = new CollabState();
    CollabState two = new CollabState();
    long index = 0;
    for (byte[] entry : log) {
      index++;
      assertThat(two.apply(index, entry)).as("entry " + index).isEqualTo(one.apply(index, entry));
    }
    assertThat(two.snapshot().encode()).isEqualTo(one.snapshot().encode());

    CollabState restored = new CollabState();
    restored.restore(new SnapshotMeta(index, 1, Membership.EMPTY), one.snapshot().encode());
    assertThat(restored.snapshot().encode()).isEqualTo(one.snapshot().encode());
    for (String doc : List.of("d1", "d2")) {
      for (String user : USERS) {
        assertThat(restored.roleOf(doc, user)).isEqualTo(one.roleOf(doc, user));
        assertThat(restored.accessIndex().roleOf(doc, user)).isEqualTo(one.roleOf(doc, user));
      }
    }
  }

  @Test
  void documentsFromBeforeAccessControlStayOpenToEverySignedInEditorUntilTheirOwnerSaysOtherwise()
      throws IOException {
    // The format-1 fixture (see its README): ada (u1) owns d1, grace (u2) edited it.
    CollabState state = new CollabState();
    long index = 0;
    try (InputStream in = getClass().getResourceAsStream("/format-v1/log.bin")) {
      Command command;
      while ((command = Command.parseDelimitedFrom(in)) != null) {
        state.apply(++index, command.toByteArray());
      }
    }
    CollabState restored = new CollabState();
    try (InputStream in = getClass().getResourceAsStream("/format-v1/snapshot.bin")) {
      restored.restore(new SnapshotMeta(index, 1, Membership.EMPTY), in.readAllBytes());
    }

    for (CollabState upgraded : List.of(state, restored)) {
      long next = index;
      assertThat(upgraded.roleOf("d1", "u1")).isEqualTo(Role.OWNER);
      assertThat(upgraded.roleOf("d1", "u2")).isEqualTo(Role.EDITOR);
      assertThat(upgraded.access("d1").linkRole()).isEqualTo(Role.EDITOR);
      long at = 1_800_000_000_000L;
      upgraded.apply(++next, command(at, register("u9")));
      assertThat(upgraded.roleOf("d1", "u9"))
          .as("anyone signed in, as before")
          .isEqualTo(Role.EDITOR);
      assertThat(upgraded.apply(++next, command(at, link("d1", "u1", AccessRole.ACCESS_ROLE_NONE))))
          .isInstanceOf(CommandResult.Applied.class);
      assertThat(upgraded.roleOf("d1", "u2")).isEqualTo(Role.NONE);
    }
  }
}
