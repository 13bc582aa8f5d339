package dev.raftpad.server.state;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CommentThreadRecord;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.ImageRecord;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.PresenceEntry;
import dev.raftpad.proto.v1.ReviewActivityRecord;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.SuggestionRecord;
import dev.raftpad.proto.v1.UnlockDocumentCommand;
import dev.raftpad.proto.v1.User;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.StateMachine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The replicated collaboration state, as Raft sees it: a thin dispatcher over one small state
 * machine per aggregate — {@link Accounts} (users, sessions), {@link Documents} (documents, edits,
 * trash), {@link Locks}, {@link Presence} (connections) and {@link Members} (the address book). It
 * owns the apply switch, the few rules that join parts (a write needs a live document nobody else
 * has locked; a session's locks end with it; a purged document's lock goes with it), and the
 * snapshot assembled from the parts.
 *
 * <p>Deterministic: it reads nothing but the command (whose time the leader stamped) and its own
 * state, and every part keeps sorted maps, so equal states snapshot to equal bytes. Called only
 * from the Raft loop thread. What changed is reported as {@link Change}s; turning them into client
 * events is the listener's job ({@code EventAnnouncer}), outside the state.
 */
public final class CollabState implements StateMachine<CommandResult<?>> {
  /** The largest document, in code points. */
  public static final int MAX_DOCUMENT_CODE_POINTS = Documents.MAX_DOCUMENT_CODE_POINTS;

  /** How long a deleted document stays in the trash, restorable, before it is purged. */
  public static final long TRASH_RETENTION_MILLIS = Documents.TRASH_RETENTION_MILLIS;

  private final Accounts accounts = new Accounts(this::sessionEnded);
  private final Locks locks = new Locks(accounts::user, this::report);
  private final Documents documents =
      new Documents(locks::refuseWrite, accounts::isAdmin, locks::forget, this::report);
  private final Sharing sharing =
      new Sharing(documents, accounts::exists, accounts::isAdmin, this::report);
  private final Comments comments = new Comments(documents, accounts::userByName, this::report);
  private final Presence presence = new Presence(accounts::exists, this::report);
  private final Members members = new Members();
  private final DecodedOperations decodedOperations = new DecodedOperations();
  private Consumer<Change> changes = change -> {};

  /** Told of every member address as it is applied or restored (keeps the transport's book). */
  public void onMemberAddress(BiConsumer<String, String> listener) {
    members.onAddress(listener);
  }

  /**
   * Where applied changes are reported, on the loop thread right after the state changed; must not
   * block. A side effect outside the state: replicas stay identical whoever listens.
   */
  public void onChange(Consumer<Change> listener) {
    this.changes = listener;
  }

  private void report(Change change) {
    changes.accept(change);
  }

  private void sessionEnded(String sessionId) {
    locks.releaseSession(sessionId);
  }

  /** The live sessions, for authentication from any thread. */
  public SessionIndex sessionIndex() {
    return accounts.sessionIndex();
  }

  /** Every document's access, for readers on any thread (the event hub). */
  public AccessIndex accessIndex() {
    return documents.accessIndex();
  }

  /** Where the leader's services leave operations they already decoded. */
  public DecodedOperations decodedOperations() {
    return decodedOperations;
  }

  @Override
  public CommandResult<?> apply(long index, byte[] bytes) {
    Operation decoded = decodedOperations.take(bytes); // non-null only on the proposing leader
    Command command;
    try {
      command = Command.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_INVALID_FIELD, "unreadable command");
    }
    FormatVersion.requireReadable(command.getFormatVersion(), "the command at index " + index);
    long now = command.getTimeMillis();
    presence.expire(now);
    try {
      return switch (command.getKindCase()) {
        case REGISTER_USER -> accounts.register(command.getRegisterUser());
        case CREATE_SESSION -> accounts.createSession(command.getCreateSession(), now);
        case END_SESSION -> accounts.endSession(command.getEndSession().getSessionId());
        case CREATE_DOCUMENT ->
            createDocument(
                command.getCreateDocument(),
                now,
                decoded,
                FormatVersion.of(command.getFormatVersion()));
        case RENAME_DOCUMENT -> withLock(documents.rename(command.getRenameDocument(), now));
        case DELETE_DOCUMENT -> withLock(documents.delete(command.getDeleteDocument(), now));
        case UNDELETE_DOCUMENT -> withLock(documents.undelete(command.getUndeleteDocument(), now));
        case SUBMIT_OPERATION ->
            submit(
                command.getSubmitOperation(),
                now,
                decoded,
                FormatVersion.of(command.getFormatVersion()));
        case LOCK_DOCUMENT -> lock(command.getLockDocument(), now);
        case UNLOCK_DOCUMENT -> unlock(command.getUnlockDocument(), now);
        case NAME_VERSION -> documents.nameVersion(command.getNameVersion());
        case RESTORE_REVISION -> documents.restore(command.getRestoreRevision(), now);
        case CHANGE_ACCESS -> changeAccess(command.getChangeAccess(), now);
        case COMMENT -> comments.apply(command.getComment(), now);
        case RESOLVE_SUGGESTIONS ->
            documents.resolveSuggestions(command.getResolveSuggestions(), now);
        case ADD_IMAGE -> documents.addImage(command.getAddImage(), now);
        case REGISTER_MEMBER -> members.register(command.getRegisterMember());
        case PRESENCE -> presence.apply(command.getPresence(), now);
        case KIND_NOT_SET ->
            CommandResult.Refused.of(ErrorReason.ERROR_REASON_INVALID_FIELD, "empty command");
      };
    } catch (InvalidInputException e) {
      return new CommandResult.Refused<>(
          ErrorReason.ERROR_REASON_INVALID_FIELD, e.getMessage(), Map.of("field", e.field()));
    }
  }

  private CommandResult<DocumentRecord> createDocument(
      CreateDocumentCommand c, long now, Operation decoded, int formatVersion) {
    return documents.create(
        c,
        now,
        orDecode(decoded, () -> OperationCodec.fromWire(c.getInitialContent(), "initial_content")),
        formatVersion);
  }

  private CommandResult<EditResult> submit(
      SubmitOperationCommand c, long now, Operation decoded, int formatVersion) {
    return documents.submit(
        c,
        now,
        orDecode(decoded, () -> OperationCodec.fromWire(c.getOperation(), "operation")),
        formatVersion);
  }

  /** The leader's own decoding when it has one, else decoding the bytes (equal by construction). */
  private static Supplier<Operation> orDecode(Operation decoded, Supplier<Operation> decode) {
    return decoded != null ? () -> decoded : decode;
  }

  private CommandResult<LockRecord> lock(LockDocumentCommand c, long now) {
    if (!documents.isLive(c.getDocumentId())) {
      return Refusals.notFound(c.getDocumentId());
    }
    var notAllowed =
        documents.<LockRecord>refuseUnlessRole(c.getDocumentId(), c.getUserId(), Role.EDITOR);
    if (notAllowed.isPresent()) {
      return notAllowed.get();
    }
    if (c.getRenewOnly() && !locks.isHeldBy(c.getDocumentId(), c.getUserId(), now)) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_NOT_LOCK_HOLDER,
          "you do not hold the lock on this document (it may have run out); take it with Lock");
    }
    var refusal = documents.<LockRecord>refuseUnlessWritable(c.getDocumentId(), c.getUserId(), now);
    return refusal.isPresent() ? refusal.get() : locks.lock(c, now);
  }

  private CommandResult<String> unlock(UnlockDocumentCommand c, long now) {
    if (!documents.isLive(c.getDocumentId())) {
      return Refusals.notFound(c.getDocumentId());
    }
    var notAllowed =
        documents.<String>refuseUnlessRole(c.getDocumentId(), c.getUserId(), Role.EDITOR);
    return notAllowed.isPresent() ? notAllowed.get() : locks.unlock(c, now);
  }

  /** An access change; a lock whose holder may no longer edit goes with it. */
  private CommandResult<DocumentAccess> changeAccess(ChangeAccessCommand c, long now) {
    CommandResult<DocumentAccess> result = sharing.change(c, now);
    if (result instanceof CommandResult.Applied<DocumentAccess> applied) {
      locks.releaseUnlessEditor(c.getDocumentId(), applied.value(), now);
    }
    return result;
  }

  /** A document command's answer with the document's lock in its metadata, as clients see it. */
  private CommandResult<DocumentRecord> withLock(CommandResult<DocumentRecord> result) {
    return switch (result) {
      case CommandResult.Applied<DocumentRecord> applied ->
          new CommandResult.Applied<>(locks.attachTo(applied.value()));
      case CommandResult.Refused<DocumentRecord> refused -> refused;
    };
  }

  // Reads, on the loop thread (ReadIndex reads run there too).

  public UserRecord user(String userId) {
    return accounts.user(userId);
  }

  public UserRecord userByName(String username) {
    return accounts.userByName(username);
  }

  /** The user as other users see them; only the id for one that does not exist. */
  public User publicUser(String userId) {
    return accounts.publicUser(userId);
  }

  /** A document's metadata (title, owner, lock...); {@code null} if there is none. */
  public DocumentRecord documentMeta(String documentId) {
    DocumentRecord meta = documents.meta(documentId);
    return meta == null ? null : locks.attachTo(meta);
  }

  /**
   * One page of the document list in id order: at most {@code limit} documents whose id is greater
   * than {@code afterId} ("" for the first page) and whose access passes {@code visible}, the trash
   * included only when asked.
   */
  public List<DocumentRecord> documentMetas(
      String afterId, int limit, boolean includeDeleted, Predicate<DocumentAccess> visible) {
    return documents.metas(afterId, limit, includeDeleted, visible).stream()
        .map(locks::attachTo)
        .toList();
  }

  /** Who may do what with a document (even in the trash); {@code null} if there is none. */
  public DocumentAccess access(String documentId) {
    return documents.access(documentId);
  }

  /** A user's role on a document; {@link Role#NONE} if there is no such document. */
  public Role roleOf(String documentId, String userId) {
    DocumentAccess access = documents.access(documentId);
    return access == null ? Role.NONE : access.roleOf(userId);
  }

  /** Whether a user administers the cluster. */
  public boolean isAdmin(String userId) {
    return accounts.isAdmin(userId);
  }

  /** Users whose username or display name starts with {@code prefix}, by username. */
  public List<UserRecord> usersStartingWith(String prefix, int limit) {
    return accounts.startingWith(prefix, limit);
  }

  /** A document's log even if deleted (for listings); {@code null} if there is none. */
  public DocumentLog documentLogIncludingDeleted(String documentId) {
    return documents.logIncludingDeleted(documentId);
  }

  /**
   * A live document's comment threads (tombstones too) with anchors at its head, in id order; empty
   * if there is no such document.
   */
  public List<CommentThreadRecord> commentThreads(String documentId) {
    DocumentReview review = documents.review(documentId);
    return review == null ? List.of() : review.threads();
  }

  /** The threads of a live document changed after review version {@code after}. */
  public List<CommentThreadRecord> commentThreadsChangedAfter(String documentId, long after) {
    DocumentReview review = documents.review(documentId);
    return review == null ? List.of() : review.threadsChangedAfter(after);
  }

  /** A live document's review history, oldest first (empty if there is no such document). */
  public List<ReviewActivityRecord> reviewActivity(String documentId) {
    DocumentReview review = documents.review(documentId);
    return review == null ? List.of() : review.activity();
  }

  /** A live document's review version (0 before its first comment, or if there is none). */
  public long reviewVersion(String documentId) {
    DocumentReview review = documents.review(documentId);
    return review == null ? 0 : review.version();
  }

  /** Who wrote suggestion {@code suggestionId} in a live document, if it is known. */
  public Optional<SuggestionRecord> suggestion(String documentId, String suggestionId) {
    DocumentReview review = documents.review(documentId);
    return review == null ? Optional.empty() : review.suggestion(suggestionId);
  }

  /** An image of a live document's store (its id, media type and bytes). */
  public Optional<ImageRecord> image(String documentId, String imageId) {
    return documents.image(documentId, imageId);
  }

  /** A document's log, for reads on the loop thread; {@code null} if none or in the trash. */
  public DocumentLog documentLog(String documentId) {
    return documents.isLive(documentId) ? documents.logIncludingDeleted(documentId) : null;
  }

  /**
   * How much the state holds at {@code now}, for the metrics endpoint. Loop thread only (it walks
   * every document), so callers ask through {@code RaftServer.readStale}.
   */
  public StateCounts counts(long now) {
    long trashed = documents.trashedCount();
    return new StateCounts(documents.count() - trashed, trashed, locks.liveCount(now));
  }

  /** Everybody online at {@code now}: one entry per user, with the documents they have open. */
  public List<PresenceEntry> online(long now) {
    return presence.online(now, accounts::publicUser);
  }

  // Snapshots: assembled from the parts; each writes its own sorted fields.

  @Override
  public Image snapshot() {
    // Captured here on the Raft loop: the small parts written out, each document's log frozen.
    // Building every revision's record and encoding them happen later on the snapshot writer's
    // thread, so a long history no longer stalls the log.
    // Without images a version-5 node reads the snapshot exactly (a rolling upgrade's old members).
    StateSnapshot.Builder head =
        StateSnapshot.newBuilder()
            .setFormatVersion(
                documents.holdImages() ? FormatVersion.IMAGES : FormatVersion.WITHOUT_IMAGES);
    accounts.writeTo(head);
    presence.writeTo(head);
    members.writeTo(head);
    StateSnapshot withoutDocuments = head.build();
    List<DocumentSnapshots.Frozen> frozen = documents.freeze(locks::attachTo);
    return () -> {
      StateSnapshot.Builder snapshot = withoutDocuments.toBuilder();
      frozen.forEach(document -> snapshot.addDocuments(document.record()));
      return snapshot.build().toByteArray();
    };
  }

  @Override
  public void restore(SnapshotMeta meta, byte[] data) {
    StateSnapshot snapshot;
    try {
      snapshot = StateSnapshot.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("unreadable state snapshot at " + meta.index(), e);
    }
    FormatVersion.requireReadable(
        snapshot.getFormatVersion(), "the state snapshot at index " + meta.index());
    accounts.restore(snapshot);
    documents.restore(snapshot);
    locks.restore(snapshot);
    presence.restore(snapshot);
    members.restore(snapshot);
  }
}
