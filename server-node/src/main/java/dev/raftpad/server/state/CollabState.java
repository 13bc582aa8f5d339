package dev.raftpad.server.state;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.LogSnapshot;
import dev.raftpad.document.history.Rejection;
import dev.raftpad.document.history.Revision;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.ClientMarkRecord;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.CreateSessionCommand;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.NamedVersionRecord;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.RevisionRecord;
import dev.raftpad.proto.v1.SessionRecord;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.StateMachine;
import dev.raftpad.server.wire.InvalidInputException;
import dev.raftpad.server.wire.OperationMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated collaboration state: users, sessions, documents with their operation logs, and
 * locks. Deterministic: it reads nothing but the command (whose time the leader stamped) and its
 * own state, and keeps everything in sorted maps so equal states snapshot to equal bytes. Called
 * only from the Raft loop thread.
 */
public final class CollabState implements StateMachine<CommandResult> {
  /** The largest document, in code points. */
  public static final int MAX_DOCUMENT_CODE_POINTS = 1_000_000;

  /** How long a deleted document stays in the trash, restorable, before it is purged. */
  public static final long TRASH_RETENTION_MILLIS = java.time.Duration.ofDays(30).toMillis();

  private final TreeMap<String, UserRecord> users = new TreeMap<>();
  private final TreeMap<String, String> userIdByName = new TreeMap<>();
  private final TreeMap<String, SessionRecord> sessions = new TreeMap<>();
  private final TreeMap<String, DocumentState> documents = new TreeMap<>();
  private final SessionIndex sessionIndex = new SessionIndex();
  private final TreeMap<String, String> memberAddresses = new TreeMap<>();
  private final TreeMap<String, dev.raftpad.proto.v1.ConnectionRecord> connections =
      new TreeMap<>();
  private java.util.function.BiConsumer<String, String> addressListener = (id, address) -> {};

  /** Told of every member address as it is applied or restored (keeps the transport's book). */
  public void onMemberAddress(java.util.function.BiConsumer<String, String> listener) {
    this.addressListener = listener;
    memberAddresses.forEach(listener);
  }

  private java.util.function.Consumer<dev.raftpad.proto.v1.Event> events = event -> {};

  /**
   * Where applied changes are announced (the Subscribe hub). Called on the loop thread right after
   * the state changed; must not block. Announcing is a side effect outside the state: replicas stay
   * identical whoever listens.
   */
  public void onEvent(java.util.function.Consumer<dev.raftpad.proto.v1.Event> listener) {
    onEvent(listener, () -> true);
  }

  private java.util.function.BooleanSupplier anyoneListening = () -> false;

  /**
   * As {@link #onEvent(java.util.function.Consumer)}, with a cheap test of whether anybody listens:
   * followers serve no streams, and building an event per edit for nobody costs the apply path.
   */
  public void onEvent(
      java.util.function.Consumer<dev.raftpad.proto.v1.Event> listener,
      java.util.function.BooleanSupplier anyoneListening) {
    this.events = listener;
    this.anyoneListening = anyoneListening;
  }

  private void announce(
      String documentId, long timeMillis, dev.raftpad.proto.v1.Event.Builder event) {
    if (!anyoneListening.getAsBoolean()) {
      return;
    }
    events.accept(event.setDocumentId(documentId).setTime(timestamp(timeMillis)).build());
  }

  private dev.raftpad.proto.v1.User publicUser(String userId) {
    UserRecord record = users.get(userId);
    var user = dev.raftpad.proto.v1.User.newBuilder().setUserId(userId);
    if (record != null) {
      user.setUsername(record.getUsername())
          .setDisplayName(record.getDisplayName())
          .setAdmin(record.getAdmin())
          .setColor(record.getColor());
    }
    return user.build();
  }

  /** The live sessions, for authentication from any thread. */
  public SessionIndex sessionIndex() {
    return sessionIndex;
  }

  /** A document's metadata and its operation log. */
  static final class DocumentState {
    DocumentRecord meta; // without the log fields
    DocumentLog log;

    DocumentState(DocumentRecord meta, DocumentLog log) {
      this.meta = meta;
      this.log = log;
    }
  }

  @Override
  public CommandResult apply(long index, byte[] bytes) {
    Command command;
    try {
      command = Command.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_INVALID_FIELD, "unreadable command");
    }
    long now = command.getTimeMillis();
    expireConnections(now);
    try {
      return switch (command.getKindCase()) {
        case REGISTER_USER -> register(command.getRegisterUser());
        case CREATE_SESSION -> createSession(command.getCreateSession(), now);
        case END_SESSION -> endSession(command.getEndSession().getSessionId());
        case CREATE_DOCUMENT -> createDocument(command.getCreateDocument(), now);
        case RENAME_DOCUMENT -> renameDocument(command.getRenameDocument(), now);
        case DELETE_DOCUMENT -> deleteDocument(command.getDeleteDocument(), now);
        case UNDELETE_DOCUMENT -> undeleteDocument(command.getUndeleteDocument(), now);
        case SUBMIT_OPERATION -> submit(command.getSubmitOperation(), now);
        case LOCK_DOCUMENT -> lock(command.getLockDocument(), now);
        case UNLOCK_DOCUMENT -> unlock(command.getUnlockDocument(), now);
        case NAME_VERSION -> nameVersion(command.getNameVersion());
        case RESTORE_REVISION -> restore(command.getRestoreRevision(), now);
        case REGISTER_MEMBER -> registerMember(command.getRegisterMember());
        case PRESENCE -> presence(command.getPresence(), now);
        case KIND_NOT_SET ->
            CommandResult.Refused.of(ErrorReason.ERROR_REASON_INVALID_FIELD, "empty command");
      };
    } catch (InvalidInputException e) {
      return new CommandResult.Refused(
          ErrorReason.ERROR_REASON_INVALID_FIELD, e.getMessage(), Map.of("field", e.field()));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Accounts and sessions.
  // ------------------------------------------------------------------------------------------

  private CommandResult register(RegisterUserCommand c) {
    if (c.getRegistrationClosed() && !c.getRequestedByAdmin() && !users.isEmpty()) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_REGISTRATION_CLOSED,
          "registration is closed on this cluster; ask an administrator for an account");
    }
    if (userIdByName.containsKey(c.getUsername())) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_USERNAME_TAKEN, "username " + c.getUsername() + " is taken");
    }
    UserRecord user =
        UserRecord.newBuilder()
            .setUserId(c.getUserId())
            .setUsername(c.getUsername())
            .setDisplayName(c.getDisplayName())
            .setPasswordHash(c.getPasswordHash())
            .setColor(c.getColor())
            .setAdmin(users.isEmpty()) // the first account administers the cluster
            .build();
    users.put(user.getUserId(), user);
    userIdByName.put(user.getUsername(), user.getUserId());
    return new CommandResult.Applied(user);
  }

  private CommandResult createSession(CreateSessionCommand c, long now) {
    if (!users.containsKey(c.getUserId())) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_BAD_CREDENTIALS, "unknown user");
    }
    purgeExpiredSessions(now);
    SessionRecord session =
        SessionRecord.newBuilder()
            .setSessionId(c.getSessionId())
            .setTokenHash(c.getTokenHash())
            .setUserId(c.getUserId())
            .setExpiresAtMillis(c.getExpiresAtMillis())
            .setDeviceName(c.getDeviceName())
            .build();
    index(session);
    return new CommandResult.Applied(session);
  }

  private void index(SessionRecord session) {
    sessions.put(session.getSessionId(), session);
    sessionIndex.put(
        session.getTokenHash().toByteArray(),
        new SessionIndex.Session(
            session.getSessionId(), session.getUserId(), session.getExpiresAtMillis()));
  }

  private CommandResult endSession(String sessionId) {
    SessionRecord session = sessions.remove(sessionId);
    if (session != null) {
      sessionIndex.remove(session.getTokenHash().toByteArray());
      // A session's locks end with it.
      for (DocumentState document : documents.values()) {
        if (document.meta.hasLock() && document.meta.getLock().getSessionId().equals(sessionId)) {
          document.meta = document.meta.toBuilder().clearLock().build();
        }
      }
    }
    return new CommandResult.Applied(sessionId);
  }

  private void purgeExpiredSessions(long now) {
    List<String> expired = new ArrayList<>();
    sessions.forEach(
        (id, s) -> {
          if (s.getExpiresAtMillis() <= now) {
            expired.add(id);
          }
        });
    expired.forEach(this::endSession);
  }

  public UserRecord userByName(String username) {
    String id = userIdByName.get(username);
    return id == null ? null : users.get(id);
  }

  public UserRecord user(String userId) {
    return users.get(userId);
  }

  // ------------------------------------------------------------------------------------------
  // Documents, edits and locks.
  // ------------------------------------------------------------------------------------------

  private CommandResult createDocument(CreateDocumentCommand c, long now) {
    purgeExpiredTrash(now);
    if (documents.containsKey(c.getDocumentId())) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_INVALID_FIELD, "document id in use");
    }
    Operation content = OperationMapper.fromWire(c.getInitialContent(), "initial_content");
    // Revision 0 is the empty document (collab.proto): initial text is the owner's revision 1,
    // so history shows who wrote it, `restore 0` empties the document, and a subscriber replaying
    // from revision 0 sees the text arrive. The empty client id sorts before every real client
    // (which must send one), so it wins ties as the first writer would.
    DocumentLog log = new DocumentLog();
    if (!content.isIdentity()) {
      SubmitResult initial =
          log.submit(
              new Submission("", 1, 0, content, c.getOwnerUserId(), Instant.ofEpochMilli(now)));
      if (initial instanceof SubmitResult.Rejected rejected) {
        return refusalFor(rejected.reason());
      }
    }
    DocumentRecord meta =
        DocumentRecord.newBuilder()
            .setDocumentId(c.getDocumentId())
            .setTitle(c.getTitle())
            .setOwnerUserId(c.getOwnerUserId())
            .setCreatedAtMillis(now)
            .setUpdatedAtMillis(now)
            .build();
    documents.put(c.getDocumentId(), new DocumentState(meta, log));
    announceLifecycle(Lifecycle.APPEARED, meta, log, now);
    return new CommandResult.Applied(meta);
  }

  private CommandResult renameDocument(dev.raftpad.proto.v1.RenameDocumentCommand c, long now) {
    DocumentState document = documents.get(c.getDocumentId());
    CommandResult refusal = refuseUnlessWritable(document, c.getDocumentId(), c.getUserId(), now);
    if (refusal != null) {
      return refusal;
    }
    document.meta =
        document.meta.toBuilder().setTitle(c.getTitle()).setUpdatedAtMillis(now).build();
    announceLifecycle(Lifecycle.RENAMED, document.meta, document.log, now);
    return new CommandResult.Applied(document.meta);
  }

  private CommandResult deleteDocument(dev.raftpad.proto.v1.DeleteDocumentCommand c, long now) {
    purgeExpiredTrash(now);
    DocumentState document = documents.get(c.getDocumentId());
    CommandResult refusal = refuseUnlessWritable(document, c.getDocumentId(), c.getUserId(), now);
    if (refusal != null) {
      return refusal;
    }
    if (!ownerOrAdmin(document.meta, c.getUserId())) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_PERMISSION_DENIED, "only the owner or an admin may delete it");
    }
    document.meta =
        document.meta.toBuilder()
            .setDeleted(true)
            .setDeletedAtMillis(now)
            .setUpdatedAtMillis(now)
            .build();
    announceLifecycle(Lifecycle.DELETED, document.meta, document.log, now);
    return new CommandResult.Applied(document.meta);
  }

  private CommandResult undeleteDocument(dev.raftpad.proto.v1.UndeleteDocumentCommand c, long now) {
    purgeExpiredTrash(now);
    DocumentState document = documents.get(c.getDocumentId());
    if (document == null) {
      return notFound(c.getDocumentId());
    }
    if (!document.meta.getDeleted()) {
      return new CommandResult.Applied(document.meta); // already back: undelete is idempotent
    }
    if (!ownerOrAdmin(document.meta, c.getUserId())) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_PERMISSION_DENIED,
          "only the owner or an admin may restore it from the trash");
    }
    document.meta =
        document.meta.toBuilder()
            .setDeleted(false)
            .clearDeletedAtMillis()
            .setUpdatedAtMillis(now)
            .build();
    // For subscribers a restored document is one that (re)appears.
    announceLifecycle(Lifecycle.APPEARED, document.meta, document.log, now);
    return new CommandResult.Applied(document.meta);
  }

  private boolean ownerOrAdmin(DocumentRecord meta, String userId) {
    UserRecord user = users.get(userId);
    return meta.getOwnerUserId().equals(userId) || (user != null && user.getAdmin());
  }

  /** What happened to a document as a whole, for its subscribers. */
  private enum Lifecycle {
    APPEARED,
    RENAMED,
    DELETED
  }

  private void announceLifecycle(Lifecycle change, DocumentRecord meta, DocumentLog log, long now) {
    var info = eventInfo(meta, log);
    var event = dev.raftpad.proto.v1.Event.newBuilder();
    switch (change) {
      case APPEARED ->
          event.setCreated(dev.raftpad.proto.v1.DocumentCreated.newBuilder().setDocument(info));
      case RENAMED ->
          event.setRenamed(dev.raftpad.proto.v1.DocumentRenamed.newBuilder().setDocument(info));
      case DELETED ->
          event.setDeleted(dev.raftpad.proto.v1.DocumentDeleted.newBuilder().setDocument(info));
    }
    announce(meta.getDocumentId(), now, event);
  }

  /**
   * Forgets documents whose time in the trash is over. Runs at apply time from the command's
   * leader-stamped clock, so every replica purges at the same log index.
   */
  private void purgeExpiredTrash(long now) {
    documents
        .values()
        .removeIf(
            d ->
                d.meta.getDeleted() && d.meta.getDeletedAtMillis() + TRASH_RETENTION_MILLIS <= now);
  }

  private CommandResult submit(SubmitOperationCommand c, long now) {
    DocumentState document = documents.get(c.getDocumentId());
    CommandResult refusal = refuseUnlessWritable(document, c.getDocumentId(), c.getUserId(), now);
    if (refusal != null) {
      return refusal;
    }
    Operation operation = OperationMapper.fromWire(c.getOperation(), "operation");
    int lengthAfter = document.log.head().length() + operation.lengthChange();
    if (lengthAfter > MAX_DOCUMENT_CODE_POINTS) {
      return new CommandResult.Refused(
          ErrorReason.ERROR_REASON_TOO_LARGE,
          "a document holds at most " + MAX_DOCUMENT_CODE_POINTS + " code points",
          Map.of(
              "limit",
              String.valueOf(MAX_DOCUMENT_CODE_POINTS),
              "actual",
              String.valueOf(lengthAfter)));
    }
    SubmitResult result =
        document.log.submit(
            new Submission(
                c.getClientId(),
                c.getClientSeq(),
                c.getBaseRevision(),
                operation,
                c.getUserId(),
                Instant.ofEpochMilli(now)));
    return outcomeOf(
        document, c.getDocumentId(), now, result, c.getUserId(), c.getClientId(), c.getClientSeq());
  }

  private CommandResult presence(dev.raftpad.proto.v1.PresenceCommand c, long now) {
    if (c.getLeaseMillis() <= 0) {
      removeConnection(c.getConnectionId(), now);
      return new CommandResult.Applied(c.getConnectionId());
    }
    if (!users.containsKey(c.getUserId())) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_UNAUTHENTICATED, "unknown user");
    }
    boolean wasOnline = isOnline(c.getUserId());
    java.util.Set<String> before = documentsOf(c.getUserId());
    var previous = connections.get(c.getConnectionId());
    connections.put(
        c.getConnectionId(),
        dev.raftpad.proto.v1.ConnectionRecord.newBuilder()
            .setConnectionId(c.getConnectionId())
            .setUserId(c.getUserId())
            .addAllDocumentIds(c.getDocumentIdsList())
            .setSinceMillis(previous == null ? now : previous.getSinceMillis())
            .setExpiresAtMillis(now + c.getLeaseMillis())
            .build());
    if (!wasOnline) {
      announcePresence("", c.getUserId(), true, now);
    }
    for (String document : documentsOf(c.getUserId())) {
      if (!before.contains(document)) {
        announcePresence(document, c.getUserId(), true, now);
      }
    }
    return new CommandResult.Applied(c.getConnectionId());
  }

  private boolean isOnline(String userId) {
    return connections.values().stream().anyMatch(c -> c.getUserId().equals(userId));
  }

  /** The documents a user has open on any of their connections, in id order. */
  private java.util.Set<String> documentsOf(String userId) {
    java.util.Set<String> documents = new java.util.TreeSet<>();
    for (var connection : connections.values()) {
      if (connection.getUserId().equals(userId)) {
        documents.addAll(connection.getDocumentIdsList());
      }
    }
    return documents;
  }

  private void removeConnection(String connectionId, long now) {
    var gone = connections.get(connectionId);
    if (gone == null) {
      return;
    }
    java.util.Set<String> before = documentsOf(gone.getUserId());
    connections.remove(connectionId);
    java.util.Set<String> after = documentsOf(gone.getUserId());
    for (String document : before) {
      if (!after.contains(document)) {
        announcePresence(document, gone.getUserId(), false, now);
      }
    }
    if (!isOnline(gone.getUserId())) {
      // One user on two devices is online once: only the last connection's end is a LEAVE.
      announcePresence("", gone.getUserId(), false, now);
    }
  }

  /**
   * JOIN or LEAVE: with an empty document id for the cluster (online or not), with a document id
   * for that document's subscribers (who is in it).
   */
  private void announcePresence(String documentId, String userId, boolean joined, long now) {
    var event = dev.raftpad.proto.v1.Event.newBuilder();
    if (joined) {
      event.setJoined(dev.raftpad.proto.v1.PresenceJoined.newBuilder().setUser(publicUser(userId)));
    } else {
      event.setLeft(dev.raftpad.proto.v1.PresenceLeft.newBuilder().setUser(publicUser(userId)));
    }
    announce(documentId, now, event);
  }

  private void expireConnections(long now) {
    List<String> lapsed = new ArrayList<>();
    connections.forEach(
        (id, c) -> {
          if (c.getExpiresAtMillis() <= now) {
            lapsed.add(id);
          }
        });
    lapsed.forEach(id -> removeConnection(id, now));
  }

  /** Everybody online at {@code now}: one entry per user, with the documents they have open. */
  public List<dev.raftpad.proto.v1.PresenceEntry> online(long now) {
    TreeMap<String, dev.raftpad.proto.v1.PresenceEntry.Builder> byUser = new TreeMap<>();
    for (var c : connections.values()) {
      if (c.getExpiresAtMillis() <= now) {
        continue;
      }
      var entry =
          byUser.computeIfAbsent(
              c.getUserId(),
              u ->
                  dev.raftpad.proto.v1.PresenceEntry.newBuilder()
                      .setUser(publicUser(u))
                      .setSince(timestamp(c.getSinceMillis())));
      for (String doc : c.getDocumentIdsList()) {
        if (!entry.getDocumentIdsList().contains(doc)) {
          entry.addDocumentIds(doc);
        }
      }
    }
    return byUser.values().stream().map(b -> b.build()).toList();
  }

  private CommandResult registerMember(dev.raftpad.proto.v1.RegisterMemberCommand c) {
    memberAddresses.put(c.getNodeId(), c.getAddress());
    addressListener.accept(c.getNodeId(), c.getAddress());
    return new CommandResult.Applied(c.getNodeId());
  }

  private CommandResult nameVersion(dev.raftpad.proto.v1.NameVersionCommand c) {
    DocumentState document = documents.get(c.getDocumentId());
    if (document == null || document.meta.getDeleted()) {
      return notFound(c.getDocumentId());
    }
    for (var entry : document.log.namedVersions().entrySet()) {
      if (!c.getName().isEmpty()
          && entry.getValue().equals(c.getName())
          && entry.getKey() != c.getRevision()) {
        return CommandResult.Refused.of(
            ErrorReason.ERROR_REASON_VERSION_NAME_TAKEN,
            "revision " + entry.getKey() + " is already named " + c.getName());
      }
    }
    var rejection = document.log.nameVersion(c.getRevision(), c.getName());
    return rejection.isPresent()
        ? refusalFor(rejection.get())
        : new CommandResult.Applied(c.getRevision());
  }

  private CommandResult restore(dev.raftpad.proto.v1.RestoreRevisionCommand c, long now) {
    DocumentState document = documents.get(c.getDocumentId());
    CommandResult refusal = refuseUnlessWritable(document, c.getDocumentId(), c.getUserId(), now);
    if (refusal != null) {
      return refusal;
    }
    SubmitResult result =
        document.log.restore(
            c.getClientId(),
            c.getClientSeq(),
            c.getRevision(),
            c.getUserId(),
            Instant.ofEpochMilli(now));
    return outcomeOf(
        document, c.getDocumentId(), now, result, c.getUserId(), c.getClientId(), c.getClientSeq());
  }

  /** What an edit or a restore did: on success the document is touched and the change announced. */
  private CommandResult outcomeOf(
      DocumentState document,
      String documentId,
      long now,
      SubmitResult result,
      String userId,
      String clientId,
      long clientSeq) {
    return switch (result) {
      case SubmitResult.Applied applied -> {
        document.meta = document.meta.toBuilder().setUpdatedAtMillis(now).build();
        announceCommitted(documentId, now, applied, userId, clientId, clientSeq);
        yield new CommandResult.Applied(result);
      }
      case SubmitResult.Duplicate duplicate -> new CommandResult.Applied(result);
      case SubmitResult.Rejected rejected -> refusalFor(rejected.reason());
    };
  }

  private void announceCommitted(
      String documentId,
      long now,
      SubmitResult.Applied applied,
      String userId,
      String clientId,
      long clientSeq) {
    if (!anyoneListening.getAsBoolean()) {
      return; // the wire form of the operation is the costly part: skip it for nobody
    }
    announce(
        documentId,
        now,
        dev.raftpad.proto.v1.Event.newBuilder()
            .setOperation(
                dev.raftpad.proto.v1.OperationCommitted.newBuilder()
                    .setRevision(applied.revision())
                    .setOperation(OperationMapper.toWire(applied.operation()))
                    .setAuthor(publicUser(userId))
                    .setClientId(clientId)
                    .setClientSeq(clientSeq)));
  }

  private static CommandResult refusalFor(Rejection rejection) {
    return switch (rejection) {
      case Rejection.BaseRevisionInFuture r ->
          new CommandResult.Refused(
              ErrorReason.ERROR_REASON_REVISION_IN_FUTURE,
              "base revision " + r.baseRevision() + " is after the head " + r.headRevision(),
              Map.of("head_revision", String.valueOf(r.headRevision())));
      case Rejection.HistoryCompacted r ->
          new CommandResult.Refused(
              ErrorReason.ERROR_REASON_REVISION_COMPACTED,
              "base revision " + r.baseRevision() + " is older than the retained history; reload",
              Map.of("oldest_retained", String.valueOf(r.oldestRetained())));
      case Rejection.OperationDoesNotFit r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_OPERATION_OUT_OF_RANGE,
              "the operation covers "
                  + r.operationLength()
                  + " code points but the document has "
                  + r.documentLength());
      case Rejection.InvalidOperation r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_INVALID_FIELD, String.join("; ", r.problems()));
      case Rejection.StaleSequence r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_INVALID_FIELD,
              "client_seq " + r.clientSeq() + " is older than the last applied " + r.lastApplied());
      case Rejection.NoSuchRevision r ->
          CommandResult.Refused.of(
              ErrorReason.ERROR_REASON_REVISION_IN_FUTURE, "no revision " + r.revision());
    };
  }

  private CommandResult lock(LockDocumentCommand c, long now) {
    DocumentState document = documents.get(c.getDocumentId());
    CommandResult refusal = refuseUnlessWritable(document, c.getDocumentId(), c.getUserId(), now);
    if (refusal != null) {
      return refusal;
    }
    long acquired =
        document.meta.hasLock() && document.meta.getLock().getUserId().equals(c.getUserId())
            ? document.meta.getLock().getAcquiredAtMillis()
            : now;
    LockRecord lock =
        LockRecord.newBuilder()
            .setUserId(c.getUserId())
            .setSessionId(c.getSessionId())
            .setAcquiredAtMillis(acquired)
            .setExpiresAtMillis(now + c.getLeaseMillis())
            .build();
    document.meta = document.meta.toBuilder().setLock(lock).build();
    announce(
        c.getDocumentId(),
        now,
        dev.raftpad.proto.v1.Event.newBuilder()
            .setLocked(
                dev.raftpad.proto.v1.LockAcquired.newBuilder()
                    .setLock(
                        dev.raftpad.proto.v1.Lock.newBuilder()
                            .setDocumentId(c.getDocumentId())
                            .setHolder(publicUser(lock.getUserId()))
                            .setAcquiredAt(timestamp(lock.getAcquiredAtMillis()))
                            .setExpiresAt(timestamp(lock.getExpiresAtMillis())))));
    return new CommandResult.Applied(lock);
  }

  private CommandResult unlock(dev.raftpad.proto.v1.UnlockDocumentCommand c, long now) {
    DocumentState document = documents.get(c.getDocumentId());
    if (document == null || document.meta.getDeleted()) {
      return notFound(c.getDocumentId());
    }
    LockRecord lock = liveLock(document, now);
    if (lock == null) {
      // Nobody holds it (released before, or the lease ran out): unlocking is idempotent, so a
      // retry after a lost answer succeeds instead of claiming the caller never held it.
      return new CommandResult.Applied(c.getDocumentId());
    }
    if (!lock.getUserId().equals(c.getUserId())) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_NOT_LOCK_HOLDER, "you do not hold the lock on this document");
    }
    document.meta = document.meta.toBuilder().clearLock().build();
    announce(
        c.getDocumentId(),
        now,
        dev.raftpad.proto.v1.Event.newBuilder()
            .setUnlocked(
                dev.raftpad.proto.v1.LockReleased.newBuilder()
                    .setPreviousHolder(publicUser(c.getUserId()))
                    .setReason(
                        dev.raftpad.proto.v1.LockReleaseReason.LOCK_RELEASE_REASON_UNLOCKED)));
    return new CommandResult.Applied(c.getDocumentId());
  }

  /** The document's lock if it has not expired at {@code now}. */
  private static LockRecord liveLock(DocumentState document, long now) {
    if (!document.meta.hasLock() || document.meta.getLock().getExpiresAtMillis() <= now) {
      return null;
    }
    return document.meta.getLock();
  }

  private CommandResult refuseUnlessWritable(
      DocumentState document, String documentId, String userId, long now) {
    if (document == null || document.meta.getDeleted()) {
      return notFound(documentId);
    }
    LockRecord lock = liveLock(document, now);
    if (lock != null && !lock.getUserId().equals(userId)) {
      UserRecord holder = users.get(lock.getUserId());
      String name = holder == null ? lock.getUserId() : holder.getUsername();
      return new CommandResult.Refused(
          ErrorReason.ERROR_REASON_DOCUMENT_LOCKED,
          "the document is locked by " + name,
          Map.of(
              "holder",
              name,
              "expires_at",
              Instant.ofEpochMilli(lock.getExpiresAtMillis()).toString()));
    }
    return null;
  }

  private static CommandResult notFound(String documentId) {
    return new CommandResult.Refused(
        ErrorReason.ERROR_REASON_DOCUMENT_NOT_FOUND,
        "no document " + documentId,
        Map.of("document_id", documentId));
  }

  private static com.google.protobuf.Timestamp timestamp(long millis) {
    return dev.raftpad.server.wire.Timestamps.ofMillis(millis);
  }

  private static dev.raftpad.proto.v1.DocumentInfo eventInfo(DocumentRecord meta, DocumentLog log) {
    return dev.raftpad.proto.v1.DocumentInfo.newBuilder()
        .setDocumentId(meta.getDocumentId())
        .setTitle(meta.getTitle())
        .setRevision(log.headRevision())
        .setLength(log.head().length())
        .setDeleted(meta.getDeleted())
        .setCreatedAt(timestamp(meta.getCreatedAtMillis()))
        .setUpdatedAt(timestamp(meta.getUpdatedAtMillis()))
        .build();
  }

  /** A document's metadata (title, owner, lock...); {@code null} if there is none. */
  public DocumentRecord documentMeta(String documentId) {
    DocumentState document = documents.get(documentId);
    return document == null ? null : document.meta;
  }

  /**
   * One page of the document list in id order: at most {@code limit} documents whose id is greater
   * than {@code afterId} ("" for the first page), the trash included only when asked.
   */
  public List<DocumentRecord> documentMetas(String afterId, int limit, boolean includeDeleted) {
    List<DocumentRecord> page = new ArrayList<>();
    for (DocumentState document : documents.tailMap(afterId, false).values()) {
      if (page.size() == limit) {
        break;
      }
      if (includeDeleted || !document.meta.getDeleted()) {
        page.add(document.meta);
      }
    }
    return page;
  }

  /** A document's log even if deleted (for listings); {@code null} if there is none. */
  public DocumentLog documentLogIncludingDeleted(String documentId) {
    DocumentState document = documents.get(documentId);
    return document == null ? null : document.log;
  }

  /** A document's log, for reads on the loop thread; {@code null} if there is none. */
  public DocumentLog documentLog(String documentId) {
    DocumentState document = documents.get(documentId);
    return document == null || document.meta.getDeleted() ? null : document.log;
  }

  // ------------------------------------------------------------------------------------------
  // Snapshots.
  // ------------------------------------------------------------------------------------------

  @Override
  public byte[] snapshot() {
    StateSnapshot.Builder snapshot = StateSnapshot.newBuilder();
    snapshot.addAllUsers(users.values());
    snapshot.addAllSessions(sessions.values());
    for (DocumentState document : documents.values()) {
      snapshot.addDocuments(withLog(document));
    }
    snapshot.addAllConnections(connections.values());
    memberAddresses.forEach(
        (id, address) ->
            snapshot.addMembers(
                dev.raftpad.proto.v1.RegisterMemberCommand.newBuilder()
                    .setNodeId(id)
                    .setAddress(address)));
    return snapshot.build().toByteArray();
  }

  private static DocumentRecord withLog(DocumentState document) {
    LogSnapshot log = document.log.snapshot();
    DocumentRecord.Builder record =
        document.meta.toBuilder()
            .setOldestRetained(log.oldestRetained())
            .setContentAtOldest(OperationMapper.toWire(log.content()));
    for (Revision r : log.revisions()) {
      record.addRevisions(
          RevisionRecord.newBuilder()
              .setNumber(r.number())
              .setOperation(OperationMapper.toWire(r.operation()))
              .setAuthor(r.author())
              .setTimeMillis(r.time().toEpochMilli())
              .setClientId(r.clientId())
              .setClientSeq(r.clientSeq()));
    }
    for (LogSnapshot.ClientMark mark : log.clientMarks()) {
      record.addClientMarks(
          ClientMarkRecord.newBuilder()
              .setClientId(mark.clientId())
              .setClientSeq(mark.clientSeq())
              .setRevision(mark.revision()));
    }
    log.names()
        .forEach(
            (revision, name) ->
                record.addVersionNames(
                    NamedVersionRecord.newBuilder().setRevision(revision).setName(name)));
    return record.build();
  }

  @Override
  public void restore(SnapshotMeta meta, byte[] data) {
    StateSnapshot snapshot;
    try {
      snapshot = StateSnapshot.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("unreadable state snapshot at " + meta.index(), e);
    }
    users.clear();
    userIdByName.clear();
    sessions.clear();
    sessionIndex.clear();
    documents.clear();
    for (UserRecord user : snapshot.getUsersList()) {
      users.put(user.getUserId(), user);
      userIdByName.put(user.getUsername(), user.getUserId());
    }
    for (SessionRecord session : snapshot.getSessionsList()) {
      index(session);
    }
    for (DocumentRecord record : snapshot.getDocumentsList()) {
      documents.put(record.getDocumentId(), new DocumentState(metaOnly(record), logOf(record)));
    }
    connections.clear();
    for (var connection : snapshot.getConnectionsList()) {
      connections.put(connection.getConnectionId(), connection);
    }
    memberAddresses.clear();
    for (var member : snapshot.getMembersList()) {
      memberAddresses.put(member.getNodeId(), member.getAddress());
      addressListener.accept(member.getNodeId(), member.getAddress());
    }
  }

  private static DocumentRecord metaOnly(DocumentRecord record) {
    return record.toBuilder()
        .clearOldestRetained()
        .clearContentAtOldest()
        .clearRevisions()
        .clearClientMarks()
        .clearVersionNames()
        .build();
  }

  private static DocumentLog logOf(DocumentRecord record) {
    List<Revision> revisions = new ArrayList<>();
    for (RevisionRecord r : record.getRevisionsList()) {
      revisions.add(
          new Revision(
              r.getNumber(),
              OperationMapper.fromWire(r.getOperation(), "snapshot"),
              r.getAuthor(),
              Instant.ofEpochMilli(r.getTimeMillis()),
              r.getClientId(),
              r.getClientSeq()));
    }
    List<LogSnapshot.ClientMark> marks = new ArrayList<>();
    for (ClientMarkRecord m : record.getClientMarksList()) {
      marks.add(new LogSnapshot.ClientMark(m.getClientId(), m.getClientSeq(), m.getRevision()));
    }
    TreeMap<Long, String> names = new TreeMap<>();
    record.getVersionNamesList().forEach(n -> names.put(n.getRevision(), n.getName()));
    return DocumentLog.fromSnapshot(
        new LogSnapshot(
            record.getOldestRetained(),
            OperationMapper.fromWire(record.getContentAtOldest(), "snapshot"),
            revisions,
            marks,
            names));
  }
}
