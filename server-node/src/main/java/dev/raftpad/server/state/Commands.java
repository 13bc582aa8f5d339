package dev.raftpad.server.state;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AddImageCommand;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CommentCommand;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.CreateSessionCommand;
import dev.raftpad.proto.v1.DeleteDocumentCommand;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.EndSessionCommand;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.NameVersionCommand;
import dev.raftpad.proto.v1.PresenceCommand;
import dev.raftpad.proto.v1.RegisterMemberCommand;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.RenameDocumentCommand;
import dev.raftpad.proto.v1.ResolveSuggestionsCommand;
import dev.raftpad.proto.v1.RestoreRevisionCommand;
import dev.raftpad.proto.v1.SessionRecord;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.UndeleteDocumentCommand;
import dev.raftpad.proto.v1.UnlockDocumentCommand;
import dev.raftpad.proto.v1.UserRecord;
import java.util.Optional;

/** One typed command per kind of {@code Command}: what each answers when it takes effect. */
public final class Commands {
  private Commands() {}

  public static TypedCommand<UserRecord> registerUser(RegisterUserCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setRegisterUser(c), UserRecord.class);
  }

  public static TypedCommand<SessionRecord> createSession(CreateSessionCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setCreateSession(c), SessionRecord.class);
  }

  /** Answers the session id (ending an unknown session is a no-op). */
  public static TypedCommand<String> endSession(String sessionId) {
    return new TypedCommand<>(
        Command.newBuilder().setEndSession(EndSessionCommand.newBuilder().setSessionId(sessionId)),
        String.class);
  }

  /**
   * Decodes and validates the initial content now (an {@code InvalidInputException} names the
   * field), once: the leader applies this very decoding ({@link DecodedOperations}).
   */
  public static TypedCommand<DocumentRecord> createDocument(CreateDocumentCommand.Builder c) {
    Operation content = OperationCodec.fromWire(c.getInitialContent(), "initial_content");
    return new TypedCommand<>(
        Command.newBuilder().setCreateDocument(c).build(),
        DocumentRecord.class,
        Optional.of(content));
  }

  public static TypedCommand<DocumentRecord> renameDocument(RenameDocumentCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setRenameDocument(c), DocumentRecord.class);
  }

  public static TypedCommand<DocumentRecord> deleteDocument(DeleteDocumentCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setDeleteDocument(c), DocumentRecord.class);
  }

  public static TypedCommand<DocumentRecord> undeleteDocument(UndeleteDocumentCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setUndeleteDocument(c), DocumentRecord.class);
  }

  /**
   * Decodes and validates the operation now (an {@code InvalidInputException} names the field),
   * once: the leader applies this very decoding ({@link DecodedOperations}).
   */
  public static TypedCommand<EditResult> submitOperation(SubmitOperationCommand.Builder c) {
    Operation operation = OperationCodec.fromWire(c.getOperation(), "operation");
    return new TypedCommand<>(
        Command.newBuilder().setSubmitOperation(c).build(),
        EditResult.class,
        Optional.of(operation));
  }

  public static TypedCommand<LockRecord> lockDocument(LockDocumentCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setLockDocument(c), LockRecord.class);
  }

  /** Answers the document id (unlocking what nobody holds is a no-op). */
  public static TypedCommand<String> unlockDocument(UnlockDocumentCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setUnlockDocument(c), String.class);
  }

  /** Answers the named revision. */
  public static TypedCommand<Long> nameVersion(NameVersionCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setNameVersion(c), Long.class);
  }

  public static TypedCommand<EditResult> restoreRevision(RestoreRevisionCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setRestoreRevision(c), EditResult.class);
  }

  /** A comment change; the result is the thread after it. */
  public static TypedCommand<CommentResult> comment(CommentCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setComment(c), CommentResult.class);
  }

  /** Accepting or rejecting suggestions: the revision it became. */
  public static TypedCommand<EditResult> resolveSuggestions(ResolveSuggestionsCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setResolveSuggestions(c), EditResult.class);
  }

  /** Answers the document's access after the change. */
  public static TypedCommand<DocumentAccess> changeAccess(ChangeAccessCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setChangeAccess(c), DocumentAccess.class);
  }

  /** Adds an image to a document's store; answers the image id (the same for the same bytes). */
  public static TypedCommand<String> addImage(AddImageCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setAddImage(c), String.class);
  }

  /** Answers the node id. */
  public static TypedCommand<String> registerMember(RegisterMemberCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setRegisterMember(c), String.class);
  }

  /** Answers the connection id. */
  public static TypedCommand<String> presence(PresenceCommand.Builder c) {
    return new TypedCommand<>(Command.newBuilder().setPresence(c), String.class);
  }
}
