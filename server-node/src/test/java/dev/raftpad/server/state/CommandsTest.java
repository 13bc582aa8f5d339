package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccessRole;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CommentAction;
import dev.raftpad.proto.v1.CommentCommand;
import dev.raftpad.proto.v1.Component;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.CreateSessionCommand;
import dev.raftpad.proto.v1.DeleteDocumentCommand;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.NameVersionCommand;
import dev.raftpad.proto.v1.PresenceCommand;
import dev.raftpad.proto.v1.RegisterMemberCommand;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.RenameDocumentCommand;
import dev.raftpad.proto.v1.ResolveSuggestionsCommand;
import dev.raftpad.proto.v1.RestoreRevisionCommand;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.UndeleteDocumentCommand;
import dev.raftpad.proto.v1.UnlockDocumentCommand;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind of command answers, through Raft's one result type, the type its descriptor says. */
class CommandsTest {
  private static final byte[] IMAGE = dev.raftpad.server.testing.TestImages.pngOfSize(64);

  private static <T> T valueOf(TypedCommand<T> command, CommandResult<?> result) {
    return switch (command.resultOf(result)) {
      case CommandResult.Applied<T> applied -> applied.value();
      case CommandResult.Refused<T> refused -> throw new AssertionError(refused.toString());
    };
  }

  @Test
  void everyKindAnswersTheTypeItsTypedCommandPromises() throws Exception {
    List<TypedCommand<?>> commands =
        List.of(
            Commands.registerUser(
                RegisterUserCommand.newBuilder().setUserId("u1").setUsername("ada")),
            Commands.createSession(
                CreateSessionCommand.newBuilder()
                    .setSessionId("s1")
                    .setUserId("u1")
                    .setTokenHash(ByteString.copyFrom(new byte[] {1}))
                    .setExpiresAtMillis(1_000_000)),
            Commands.createDocument(
                CreateDocumentCommand.newBuilder()
                    .setDocumentId("d1")
                    .setOwnerUserId("u1")
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hi\n")))),
            Commands.renameDocument(
                RenameDocumentCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setTitle("T")),
            Commands.submitOperation(
                SubmitOperationCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setClientId("c1")
                    .setClientSeq(1)
                    .setOperation(OperationCodec.toWire(Operation.insert(0, "x")))),
            Commands.nameVersion(
                NameVersionCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setRevision(1)
                    .setName("v")),
            Commands.changeAccess(
                ChangeAccessCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setLinkRole(AccessRole.ACCESS_ROLE_VIEWER)),
            Commands.addImage(
                dev.raftpad.proto.v1.AddImageCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setImageId(dev.raftpad.document.op.ImageBytes.idOf(IMAGE))
                    .setMediaType("image/png")
                    .setData(ByteString.copyFrom(IMAGE))
                    .setMaxDocumentImageBytes(1 << 20)),
            Commands.comment(
                CommentCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setClientId("c2")
                    .setClientSeq(1)
                    .setAction(CommentAction.COMMENT_ACTION_START)
                    .setBaseRevision(1)
                    .setStart(0)
                    .setEnd(2)
                    .setText("a comment")),
            Commands.resolveSuggestions(
                ResolveSuggestionsCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setClientId("c3")
                    .setClientSeq(1)
                    .setAccept(true)),
            Commands.lockDocument(
                LockDocumentCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setSessionId("s1")
                    .setLeaseMillis(60_000)),
            Commands.unlockDocument(
                UnlockDocumentCommand.newBuilder().setDocumentId("d1").setUserId("u1")),
            Commands.restoreRevision(
                RestoreRevisionCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u1")
                    .setRevision(0)
                    .setClientId("c1")
                    .setClientSeq(2)),
            Commands.deleteDocument(
                DeleteDocumentCommand.newBuilder().setDocumentId("d1").setUserId("u1")),
            Commands.undeleteDocument(
                UndeleteDocumentCommand.newBuilder().setDocumentId("d1").setUserId("u1")),
            Commands.registerMember(
                RegisterMemberCommand.newBuilder().setNodeId("n1").setAddress("h:1")),
            Commands.presence(
                PresenceCommand.newBuilder()
                    .setConnectionId("k1")
                    .setUserId("u1")
                    .setLeaseMillis(30_000)),
            Commands.endSession("s1"));
    CollabState state = new CollabState();
    Set<Command.KindCase> kinds = EnumSet.noneOf(Command.KindCase.class);
    long index = 0;

    for (TypedCommand<?> command : commands) {
      byte[] bytes = command.toBytes(1_000 + index);
      Command logged = Command.parseFrom(bytes);
      assertThat(logged.getFormatVersion())
          .isEqualTo(logged.hasAddImage() ? FormatVersion.IMAGES : FormatVersion.WITHOUT_IMAGES);
      assertThat(logged.getTimeMillis()).isEqualTo(1_000 + index);
      kinds.add(logged.getKindCase());

      Object value = valueOf(command, state.apply(++index, bytes));

      assertThat(value).as(logged.getKindCase().toString()).isInstanceOf(command.resultType());
    }
    assertThat(kinds).isEqualTo(EnumSet.complementOf(EnumSet.of(Command.KindCase.KIND_NOT_SET)));
  }

  @Test
  void operationsAreDecodedAndValidatedWhenTheCommandIsMade() {
    var edit =
        Commands.submitOperation(
            SubmitOperationCommand.newBuilder()
                .setOperation(OperationCodec.toWire(Operation.insert(2, "x"))));
    assertThat(edit.decoded()).contains(Operation.insert(2, "x"));

    var withAnEmptyComponent =
        OperationCodec.toWire(Operation.insert(0, "x")).toBuilder()
            .addComponents(Component.getDefaultInstance());
    assertThatThrownBy(
            () ->
                Commands.submitOperation(
                    SubmitOperationCommand.newBuilder().setOperation(withAnEmptyComponent)))
        .isInstanceOf(InvalidInputException.class);
  }
}
