package dev.raftpad.server.state;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Rejection;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.ImagePlacement;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.review.Decision;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.LineEnds;
import dev.raftpad.proto.v1.AccessChangeRecord;
import dev.raftpad.proto.v1.AddImageCommand;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.DeleteDocumentCommand;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.ImageRecord;
import dev.raftpad.proto.v1.NameVersionCommand;
import dev.raftpad.proto.v1.RenameDocumentCommand;
import dev.raftpad.proto.v1.ResolveSuggestionsCommand;
import dev.raftpad.proto.v1.RestoreRevisionCommand;
import dev.raftpad.proto.v1.ReviewActivityRecord;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.SuggestionDecisionRecord;
import dev.raftpad.proto.v1.SuggestionRecord;
import dev.raftpad.proto.v1.UndeleteDocumentCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Documents with their operation logs, edits and the trash: one part of the replicated state. Edits
 * are transformed and sequenced by each document's {@link DocumentLog}; the trash is purged at
 * apply time from the leader-stamped command time, so every replica purges at the same index.
 */
final class Documents {
  /** The largest document, in code points. */
  static final int MAX_DOCUMENT_CODE_POINTS = 1_000_000;

  /** How long a deleted document stays in the trash, restorable, before it is purged. */
  static final long TRASH_RETENTION_MILLIS = Duration.ofDays(30).toMillis();

  /** Whether somebody else's lock refuses a write (the locks part answers). */
  @FunctionalInterface
  interface LockCheck {
    <T> Optional<CommandResult.Refused<T>> refuseWrite(String documentId, String userId, long now);
  }

  /**
   * A document's metadata (without the log fields and the lock), its operation log, and its access
   * as read from the metadata (kept beside it: every edit asks it).
   */
  private static final class Entry {
    DocumentRecord meta;
    DocumentAccess access;
    final DocumentLog log;
    final DocumentReview review;
    final ImageStore images;

    Entry(DocumentRecord meta, DocumentLog log, DocumentReview review, ImageStore images) {
      this.meta = meta;
      this.access = DocumentAccess.of(meta);
      this.log = log;
      this.review = review;
      this.images = images;
    }
  }

  private final TreeMap<String, Entry> documents = new TreeMap<>();
  private final AccessIndex accessIndex = new AccessIndex();
  private final LockCheck locks;
  private final Predicate<String> isAdmin;
  private final Consumer<String> purged;
  private final Consumer<Change> changes;

  /**
   * @param isAdmin whether a user administers the cluster (may delete and restore anything)
   * @param purged told the id of every document the trash purges
   * @param changes where lifecycle changes and committed edits are reported
   */
  Documents(
      LockCheck locks,
      Predicate<String> isAdmin,
      Consumer<String> purged,
      Consumer<Change> changes) {
    this.locks = locks;
    this.isAdmin = isAdmin;
    this.purged = purged;
    this.changes = changes;
  }

  /**
   * @param content the initial content, decoded only once the id is known to be free
   * @param formatVersion the disk-format version of the command: what its initial content means
   */
  CommandResult<DocumentRecord> create(
      CreateDocumentCommand c, long now, Supplier<Operation> content, int formatVersion) {
    purgeExpiredTrash(now);
    if (documents.containsKey(c.getDocumentId())) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_INVALID_FIELD, "document id in use");
    }
    DocumentLog log;
    if (formatVersion >= FormatVersion.INITIAL_TEXT_IS_REVISION_1) {
      // Revision 0 is the empty document (collab.proto): the initial text is the owner's
      // revision 1, so history shows who wrote it, restoring revision 0 empties the document, and
      // a subscriber replaying from revision 0 sees the text arrive. The empty client id sorts
      // before every real client's (which must send one), so it wins ties as a first writer would.
      log = new DocumentLog();
      Operation initial = content.get();
      Optional<CommandResult.Refused<DocumentRecord>> misplaced =
          misplacedBlockAttribute(Document.empty(), initial, formatVersion);
      if (misplaced.isPresent()) {
        return misplaced.get();
      }
      // A new document's store is empty: its images are added once it exists, then inserted.
      Optional<CommandResult.Refused<DocumentRecord>> badImage =
          misplacedImage(initial, new ImageStore());
      if (badImage.isPresent()) {
        return badImage.get();
      }
      if (!initial.isIdentity()) {
        SubmitResult first =
            log.submit(
                new Submission("", 1, 0, initial, c.getOwnerUserId(), Instant.ofEpochMilli(now)));
        if (first instanceof SubmitResult.Rejected rejected) {
          return Refusals.of(rejected.reason());
        }
      }
    } else {
      // Version 1 wrote the initial text as revision 0; its logs replay exactly as they were.
      log = new DocumentLog(Document.fromContent(content.get()), 0);
    }
    DocumentRecord meta =
        DocumentRecord.newBuilder()
            .setDocumentId(c.getDocumentId())
            .setTitle(c.getTitle())
            .setOwnerUserId(c.getOwnerUserId())
            .setCreatedAtMillis(now)
            .setUpdatedAtMillis(now)
            .build();
    if (formatVersion >= FormatVersion.ACCESS_CONTROL) {
      // Before version 4 a new document was open to every signed-in user; its log replays so.
      meta = DocumentAccess.ownedBy(c.getOwnerUserId()).writeTo(meta);
    }
    DocumentReview review = new DocumentReview();
    // Text created with suggestion marks credits them to the creator.
    Document created = log.head();
    review.suggestionsUsed(created.asOperation(), () -> created, c.getOwnerUserId(), now, false);
    Entry document = new Entry(meta, log, review, new ImageStore());
    documents.put(c.getDocumentId(), document);
    accessIndex.put(c.getDocumentId(), document.access);
    return changed(Change.Lifecycle.APPEARED, document, now);
  }

  CommandResult<DocumentRecord> rename(RenameDocumentCommand c, long now) {
    var refusal = this.<DocumentRecord>refuseUnlessWritable(c.getDocumentId(), c.getUserId(), now);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Entry document = documents.get(c.getDocumentId());
    document.meta =
        document.meta.toBuilder().setTitle(c.getTitle()).setUpdatedAtMillis(now).build();
    return changed(Change.Lifecycle.RENAMED, document, now);
  }

  CommandResult<DocumentRecord> delete(DeleteDocumentCommand c, long now) {
    purgeExpiredTrash(now);
    if (!isLive(c.getDocumentId())) {
      return Refusals.notFound(c.getDocumentId());
    }
    Entry document = documents.get(c.getDocumentId());
    if (!ownerOrAdmin(document, c.getUserId())) {
      return Refusals.notAllowed(Role.OWNER, document.access.roleOf(c.getUserId()));
    }
    var locked = locks.<DocumentRecord>refuseWrite(c.getDocumentId(), c.getUserId(), now);
    if (locked.isPresent()) {
      return locked.get();
    }
    document.meta =
        document.meta.toBuilder()
            .setDeleted(true)
            .setDeletedAtMillis(now)
            .setUpdatedAtMillis(now)
            .build();
    return changed(Change.Lifecycle.DELETED, document, now);
  }

  CommandResult<DocumentRecord> undelete(UndeleteDocumentCommand c, long now) {
    purgeExpiredTrash(now);
    Entry document = documents.get(c.getDocumentId());
    if (document == null) {
      return Refusals.notFound(c.getDocumentId());
    }
    if (!ownerOrAdmin(document, c.getUserId())) {
      return Refusals.notAllowed(Role.OWNER, document.access.roleOf(c.getUserId()));
    }
    if (!document.meta.getDeleted()) {
      return new CommandResult.Applied<>(document.meta); // already back: undelete is idempotent
    }
    document.meta =
        document.meta.toBuilder()
            .setDeleted(false)
            .clearDeletedAtMillis()
            .setUpdatedAtMillis(now)
            .build();
    // For subscribers a restored document is one that (re)appears.
    return changed(Change.Lifecycle.APPEARED, document, now);
  }

  private boolean ownerOrAdmin(Entry document, String userId) {
    return document.access.roleOf(userId).atLeast(Role.OWNER) || isAdmin.test(userId);
  }

  /**
   * Sets a document's access (which must be live), recording {@code change} in its history (the
   * newest {@code kept} changes stay).
   */
  void changeAccess(
      String documentId, DocumentAccess access, AccessChangeRecord change, int kept, long now) {
    Entry document = documents.get(documentId);
    List<AccessChangeRecord> history = new ArrayList<>(document.meta.getAccessChangesList());
    history.add(change);
    DocumentRecord meta =
        access.writeTo(document.meta).toBuilder()
            .clearAccessChanges()
            .addAllAccessChanges(
                history.subList(Math.max(0, history.size() - kept), history.size()))
            .setUpdatedAtMillis(now)
            .build();
    document.meta = meta;
    document.access = access;
    accessIndex.put(documentId, access);
  }

  /** Every document's access, for readers on any thread. */
  AccessIndex accessIndex() {
    return accessIndex;
  }

  private CommandResult<DocumentRecord> changed(
      Change.Lifecycle lifecycle, Entry document, long now) {
    changes.accept(
        new Change.DocumentChanged(
            lifecycle, document.meta, document.log.headRevision(), document.log.headLength(), now));
    return new CommandResult.Applied<>(document.meta);
  }

  /** Forgets documents whose time in the trash is over (at apply time: every replica alike). */
  private void purgeExpiredTrash(long now) {
    List<String> expired = new ArrayList<>();
    documents.forEach(
        (id, d) -> {
          if (d.meta.getDeleted() && d.meta.getDeletedAtMillis() + TRASH_RETENTION_MILLIS <= now) {
            expired.add(id);
          }
        });
    for (String id : expired) {
      documents.remove(id);
      accessIndex.remove(id);
      purged.accept(id);
    }
  }

  /**
   * @param operation the edit, decoded only once the document is known to be writable
   * @param formatVersion the disk-format version of the command: from version 2 a retain past the
   *     end of the document is refused (version 1 accepted it as an empty revision, and its logs
   *     must replay as they were acknowledged)
   */
  CommandResult<EditResult> submit(
      SubmitOperationCommand c, long now, Supplier<Operation> operation, int formatVersion) {
    // From format version 5 a commenter may submit operations that only suggest (ADR 0012): the
    // log's admission judges them. Below that, the refusal names the role this operation needs
    // (decoded only then: a suggestion needs a commenter's, anything else an editor's).
    Role needed = Role.EDITOR;
    if (formatVersion >= FormatVersion.REVIEW && isLive(c.getDocumentId())) {
      Role role = documents.get(c.getDocumentId()).access.roleOf(c.getUserId());
      if (role.atLeast(Role.COMMENTER) || !Suggestions.idsUsedBy(operation.get()).isEmpty()) {
        needed = Role.COMMENTER;
      }
    }
    var refusal =
        this.<EditResult>refuseUnlessWritable(c.getDocumentId(), c.getUserId(), now, needed);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Entry document = documents.get(c.getDocumentId());
    DocumentLog.Admission admission =
        document.access.roleOf(c.getUserId()).atLeast(Role.EDITOR)
            ? DocumentLog.Admission.ANY
            : onlySuggestions(document.review, c.getUserId());
    Operation edit = operation.get();
    Optional<Document> base =
        LineEnds.mentionsBlockAttributes(edit)
            ? document.log.contentAt(c.getBaseRevision())
            : Optional.empty(); // nothing to check; the log judges a base it does not have
    if (base.isPresent()) {
      Optional<CommandResult.Refused<EditResult>> misplaced =
          misplacedBlockAttribute(base.get(), edit, formatVersion);
      if (misplaced.isPresent()) {
        return misplaced.get();
      }
    }
    Optional<CommandResult.Refused<EditResult>> badImage = misplacedImage(edit, document.images);
    if (badImage.isPresent()) {
      return badImage.get();
    }
    int lengthAfter = document.log.headLength() + edit.lengthChange();
    if (lengthAfter > MAX_DOCUMENT_CODE_POINTS) {
      return new CommandResult.Refused<>(
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
                edit,
                c.getUserId(),
                Instant.ofEpochMilli(now),
                formatVersion >= FormatVersion.OPERATIONS_COVER_THE_DOCUMENT_EXACTLY
                    ? OperationCodec.coveredLength(c.getOperation())
                    : 0),
            admission);
    return outcomeOf(
        document,
        now,
        result,
        c.getUserId(),
        c.getClientId(),
        c.getClientSeq(),
        c.getByAssistant());
  }

  /** A commenter's rule: the operation, as it lands on the head, only suggests, with own ids. */
  private static DocumentLog.Admission onlySuggestions(DocumentReview review, String userId) {
    return (transformed, head) ->
        Suggestions.onlySuggests(transformed, head, id -> review.mayUseSuggestion(id, userId))
            ? Optional.empty()
            : Optional.of(new Rejection.OnlySuggestionsAllowed());
  }

  /**
   * Accepts or rejects suggestions: the operation is computed from the head at apply time and
   * recorded like an edit, exactly once per (client id, client seq).
   */
  CommandResult<EditResult> resolveSuggestions(ResolveSuggestionsCommand c, long now) {
    var refusal = this.<EditResult>refuseUnlessWritable(c.getDocumentId(), c.getUserId(), now);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Entry document = documents.get(c.getDocumentId());
    OptionalLong earlier = document.log.appliedRevisionOf(c.getClientId(), c.getClientSeq());
    if (earlier.isPresent()) {
      return new CommandResult.Applied<>(new EditResult(earlier.getAsLong(), true));
    }
    Document head = document.log.head();
    Set<String> present = new LinkedHashSet<>();
    Suggestions.in(head).forEach(change -> present.add(change.id()));
    Set<String> ids;
    if (c.getSuggestionIdsList().isEmpty()) {
      ids = present;
    } else {
      ids = new LinkedHashSet<>(c.getSuggestionIdsList());
      for (String id : ids) {
        if (!present.contains(id)) {
          return new CommandResult.Refused<>(
              ErrorReason.ERROR_REASON_SUGGESTION_NOT_FOUND,
              "no text carries suggestion " + id + " (already accepted or rejected?)",
              Map.of("suggestion_id", id));
        }
      }
    }
    if (ids.isEmpty()) {
      // "All" of none: nothing to record.
      return new CommandResult.Applied<>(new EditResult(document.log.headRevision(), false));
    }
    Operation resolution =
        Suggestions.resolve(head, ids, c.getAccept() ? Decision.ACCEPT : Decision.REJECT);
    SubmitResult result =
        document.log.submit(
            new Submission(
                c.getClientId(),
                c.getClientSeq(),
                document.log.headRevision(),
                resolution,
                c.getUserId(),
                Instant.ofEpochMilli(now)));
    if (result instanceof SubmitResult.Applied applied) {
      document.review.record(
          ReviewActivityRecord.newBuilder()
              .setTimeMillis(now)
              .setActorUserId(c.getUserId())
              .setSuggestions(
                  SuggestionDecisionRecord.newBuilder()
                      .setAccepted(c.getAccept())
                      .addAllSuggestionIds(ids)
                      .setRevision(applied.revision()))
              .build());
    }
    return outcomeOf(
        document, now, result, c.getUserId(), c.getClientId(), c.getClientSeq(), false);
  }

  /**
   * The refusal of an operation that puts a block attribute on a character other than a line end,
   * from format version 3 (earlier commands replay as they were acknowledged).
   */
  private static <T> Optional<CommandResult.Refused<T>> misplacedBlockAttribute(
      Document base, Operation edit, int formatVersion) {
    if (formatVersion < FormatVersion.BLOCK_ATTRIBUTES_ON_LINE_ENDS_ONLY) {
      return Optional.empty();
    }
    OptionalInt position = LineEnds.firstMisplacedBlockAttribute(base, edit);
    return position.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new CommandResult.Refused<>(
                ErrorReason.ERROR_REASON_INVALID_FIELD,
                "block attributes (heading, list, quote, code block) go on line ends only; the"
                    + " character at "
                    + position.getAsInt()
                    + " is not one",
                Map.of("field", "operation", "position", String.valueOf(position.getAsInt()))));
  }

  /**
   * The refusal of an operation that puts an image where none may be ({@link ImagePlacement}), or
   * names one the document's store does not hold. Not gated by format version: commands before
   * version 6 cannot carry the image attribute ({@link FormatVersion#writtenFor}).
   */
  private static <T> Optional<CommandResult.Refused<T>> misplacedImage(
      Operation edit, ImageStore images) {
    Optional<String> problem = ImagePlacement.problem(edit);
    if (problem.isPresent()) {
      return Optional.of(
          new CommandResult.Refused<>(
              ErrorReason.ERROR_REASON_INVALID_FIELD, problem.get(), Map.of("field", "operation")));
    }
    for (String id : ImagePlacement.inserted(edit)) {
      if (!images.contains(id)) {
        return Optional.of(
            new CommandResult.Refused<>(
                ErrorReason.ERROR_REASON_INVALID_FIELD,
                "no image " + id + " in this document (add it with AddImage first)",
                Map.of("field", "operation", "image_id", id)));
      }
    }
    return Optional.empty();
  }

  /**
   * Adds an image to a document's store (editors; not while somebody else holds the lock). The same
   * bytes again answer the same id and store nothing. The document's images together may take at
   * most the limit the proposer stamped into the command.
   */
  CommandResult<String> addImage(AddImageCommand c, long now) {
    var refusal = this.<String>refuseUnlessWritable(c.getDocumentId(), c.getUserId(), now);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    ImageStore images = documents.get(c.getDocumentId()).images;
    if (images.contains(c.getImageId())) {
      return new CommandResult.Applied<>(c.getImageId());
    }
    if (!Images.isId(c.getImageId()) || !ImageBytes.MEDIA_TYPES.contains(c.getMediaType())) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_INVALID_FIELD, "not an image id and media type the store takes");
    }
    long total = images.totalBytes() + c.getData().size();
    if (total > c.getMaxDocumentImageBytes()) {
      return new CommandResult.Refused<>(
          ErrorReason.ERROR_REASON_TOO_LARGE,
          "this image ("
              + c.getData().size()
              + " bytes) would bring the document's images to "
              + total
              + " bytes; a document's images may take at most "
              + c.getMaxDocumentImageBytes()
              + " bytes together",
          Map.of(
              "field",
              "document_images",
              "limit",
              String.valueOf(c.getMaxDocumentImageBytes()),
              "actual",
              String.valueOf(total)));
    }
    images.put(
        ImageRecord.newBuilder()
            .setImageId(c.getImageId())
            .setMediaType(c.getMediaType())
            .setData(c.getData())
            .build());
    return new CommandResult.Applied<>(c.getImageId());
  }

  /** An image of a live document's store. */
  Optional<ImageRecord> image(String documentId, String imageId) {
    return isLive(documentId) ? documents.get(documentId).images.get(imageId) : Optional.empty();
  }

  /** Whether any document holds an image (a snapshot then needs format version 6). */
  boolean holdImages() {
    return documents.values().stream().anyMatch(document -> !document.images.isEmpty());
  }

  /** Restore is a forward edit: the diff from the head to the content at the revision. */
  CommandResult<EditResult> restore(RestoreRevisionCommand c, long now) {
    var refusal = this.<EditResult>refuseUnlessWritable(c.getDocumentId(), c.getUserId(), now);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Entry document = documents.get(c.getDocumentId());
    SubmitResult result =
        document.log.restore(
            c.getClientId(),
            c.getClientSeq(),
            c.getRevision(),
            c.getUserId(),
            Instant.ofEpochMilli(now));
    return outcomeOf(
        document, now, result, c.getUserId(), c.getClientId(), c.getClientSeq(), false);
  }

  /**
   * What an edit, a restore or a resolution did: on success the document is touched, its comment
   * anchors moved, its new suggestions credited, and the edit reported.
   */
  private CommandResult<EditResult> outcomeOf(
      Entry document,
      long now,
      SubmitResult result,
      String userId,
      String clientId,
      long seq,
      boolean byAssistant) {
    return switch (result) {
      case SubmitResult.Applied applied -> {
        document.meta = document.meta.toBuilder().setUpdatedAtMillis(now).build();
        document.review.moveAnchors(applied.operation());
        List<SuggestionRecord> marked =
            document.review.suggestionsUsed(
                applied.operation(), document.log::head, userId, now, byAssistant);
        changes.accept(
            new Change.EditCommitted(
                document.meta.getDocumentId(),
                applied.revision(),
                applied.operation(),
                userId,
                clientId,
                seq,
                marked,
                now));
        yield new CommandResult.Applied<>(new EditResult(applied.revision(), false));
      }
      case SubmitResult.Duplicate duplicate ->
          new CommandResult.Applied<>(new EditResult(duplicate.revision(), true));
      case SubmitResult.Rejected rejected -> Refusals.of(rejected.reason());
    };
  }

  /** Names a revision (an empty name removes it); a name belongs to one revision at a time. */
  CommandResult<Long> nameVersion(NameVersionCommand c) {
    Entry document = documents.get(c.getDocumentId());
    if (document == null || document.meta.getDeleted()) {
      return Refusals.notFound(c.getDocumentId());
    }
    Role role = document.access.roleOf(c.getUserId());
    if (!role.atLeast(Role.EDITOR)) {
      return Refusals.notAllowed(Role.EDITOR, role);
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
        ? Refusals.of(rejection.get())
        : new CommandResult.Applied<>(c.getRevision());
  }

  /**
   * The refusal of a write to a document that is missing or in the trash, that the user's role does
   * not let them edit, or that somebody else has locked — in that order.
   */
  <T> Optional<CommandResult.Refused<T>> refuseUnlessWritable(
      String documentId, String userId, long now) {
    return refuseUnlessWritable(documentId, userId, now, Role.EDITOR);
  }

  /** As {@link #refuseUnlessWritable(String, String, long)}, with the role the write needs. */
  <T> Optional<CommandResult.Refused<T>> refuseUnlessWritable(
      String documentId, String userId, long now, Role needed) {
    if (!isLive(documentId)) {
      return Optional.of(Refusals.notFound(documentId));
    }
    Optional<CommandResult.Refused<T>> notAllowed = refuseUnlessRole(documentId, userId, needed);
    return notAllowed.isPresent() ? notAllowed : locks.refuseWrite(documentId, userId, now);
  }

  /** The refusal for a user whose role on a live document is weaker than {@code required}. */
  <T> Optional<CommandResult.Refused<T>> refuseUnlessRole(
      String documentId, String userId, Role required) {
    Role role = documents.get(documentId).access.roleOf(userId);
    return role.atLeast(required)
        ? Optional.empty()
        : Optional.of(Refusals.notAllowed(required, role));
  }

  // Reads.

  /** Whether the document exists and is not in the trash. */
  boolean isLive(String documentId) {
    Entry document = documents.get(documentId);
    return document != null && !document.meta.getDeleted();
  }

  /** How many documents are in the trash (the others are live). */
  long trashedCount() {
    return documents.values().stream().filter(document -> document.meta.getDeleted()).count();
  }

  /** How many documents there are, live or in the trash. */
  long count() {
    return documents.size();
  }

  /** The metadata without the lock; {@code null} if there is no such document. */
  DocumentRecord meta(String documentId) {
    Entry document = documents.get(documentId);
    return document == null ? null : document.meta;
  }

  /** The access of a document (even in the trash); {@code null} if there is none. */
  DocumentAccess access(String documentId) {
    Entry document = documents.get(documentId);
    return document == null ? null : document.access;
  }

  /**
   * Metadata in id order after {@code afterId}, at most {@code limit}, the trash if asked, of the
   * documents whose access passes {@code visible}.
   */
  List<DocumentRecord> metas(
      String afterId, int limit, boolean includeDeleted, Predicate<DocumentAccess> visible) {
    List<DocumentRecord> page = new ArrayList<>();
    for (Entry document : documents.tailMap(afterId, false).values()) {
      if (page.size() == limit) {
        break;
      }
      if ((includeDeleted || !document.meta.getDeleted()) && visible.test(document.access)) {
        page.add(document.meta);
      }
    }
    return page;
  }

  /** The comments and suggestion metadata of a live document; {@code null} if there is none. */
  DocumentReview review(String documentId) {
    return isLive(documentId) ? documents.get(documentId).review : null;
  }

  /** The log even of a document in the trash; {@code null} if there is none. */
  DocumentLog logIncludingDeleted(String documentId) {
    Entry document = documents.get(documentId);
    return document == null ? null : document.log;
  }

  // Snapshot.

  /** Every document with its log, in id order, as the snapshot holds them (without locks). */
  List<DocumentRecord> records() {
    return freeze(UnaryOperator.identity()).stream().map(DocumentSnapshots.Frozen::record).toList();
  }

  /**
   * Every document captured for a Raft snapshot, in id order, each record passed through {@code
   * attach} (the lock travels inside its document). Cheap: the logs are frozen, not encoded.
   */
  List<DocumentSnapshots.Frozen> freeze(UnaryOperator<DocumentRecord> attach) {
    List<DocumentSnapshots.Frozen> frozen = new ArrayList<>(documents.size());
    for (Entry document : documents.values()) {
      frozen.add(
          new DocumentSnapshots.Frozen(
              attach.apply(
                  document.images.writeTo(
                      DocumentSnapshots.withReview(document.meta, document.review))),
              document.log.freeze()));
    }
    return frozen;
  }

  void restore(StateSnapshot snapshot) {
    documents.clear();
    accessIndex.clear();
    for (DocumentRecord record : snapshot.getDocumentsList()) {
      Entry document =
          new Entry(
              DocumentSnapshots.metaOnly(record),
              DocumentSnapshots.logOf(record),
              DocumentReview.of(record),
              ImageStore.of(record));
      documents.put(record.getDocumentId(), document);
      accessIndex.put(record.getDocumentId(), document.access);
    }
  }
}
