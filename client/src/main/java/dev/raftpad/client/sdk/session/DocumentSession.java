package dev.raftpad.client.sdk.session;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.Review;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.ResumableSubscription;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.offline.CopyWriter;
import dev.raftpad.client.sdk.offline.DamagedCopyException;
import dev.raftpad.client.sdk.offline.OfflineStore;
import dev.raftpad.client.sdk.offline.SavedDocument;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.Decision;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.sync.Outgoing;
import dev.raftpad.document.sync.SyncClient;
import dev.raftpad.document.sync.SyncState;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditChannelRequest;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.proto.v1.ResyncReason;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One open document: the document module's {@link SyncClient} (the ot.js client) wired to the
 * cluster. Local edits apply at once; one operation is in flight and later typing is composed into
 * a buffer; remote operations and carets are transformed against both; after any reconnect the
 * subscription resumes from the session's revision and the in-flight operation is resent with the
 * same sequence number, so edits typed during a leader failover are delivered after it, once.
 *
 * <p>Resync keeps local edits: when the server cannot replay what the session missed (its history
 * was compacted, or this subscriber fell too far behind twice), or refuses an operation because its
 * base is gone, the session asks the server what became of its operation in flight by resubmitting
 * it with its own (clientId, clientSeq) — the server's exactly-once answers "applied" or "its base
 * is gone" — reloads the document and carries the unconfirmed edits onto it ({@link
 * SyncClient#carriedOnto}), sent as ordinary edits under a new client id. A subscriber that merely
 * overflowed first resumes from its revision, so the missed operations are transformed as usual.
 * Only a refusal that can never succeed (no access any more, the document gone, an edit the server
 * will not take) ends with the edits handed over in {@link SessionEvent.EditsReturned}; a lock held
 * by someone else only delays them.
 *
 * <p>Offline (a client given an {@link OfflineStore}): the session keeps a copy of its state in the
 * store — the server's document at its revision, its client id and sequence numbers, the edits not
 * yet confirmed — written after each change and, for an operation about to leave, before it leaves
 * ({@link CopyWriter}). A document with a copy opens from it without the network, so it can be
 * edited while the cluster is unreachable; the stream resumes from the copy's revision once the
 * cluster answers, and the operation in flight goes again under its own (clientId, clientSeq), so
 * the server applies it at most once however the last run ended.
 *
 * <p>Threads: remote events are applied on the client's event executor (and listeners run right
 * after, on it), so a UI whose thread is that executor sees the document and the events in one
 * consistent order. {@link #localEdit} may be called from any thread; the session serialises
 * everything with one lock and does no I/O under it.
 */
public final class DocumentSession implements AutoCloseable {
  private final Connection connection;
  private final String documentId;
  private final String subscriberId = UUID.randomUUID().toString();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Consumer<SessionEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ResumableSubscription subscription;
  private final Review reviewApi;

  // Guarded by lock.
  private SyncClient sync;

  /** While set, nothing is sent and remote events are dropped: the session is being reloaded. */
  private boolean resyncing;

  /** The revision at the last resume after an overflow; a second overflow there reloads. */
  private long overflowResumedAt = -1;

  /** Consecutive DOCUMENT_LOCKED refusals: the resend waits longer after each. */
  private int lockedRefusals;

  /** The client whose edits were handed back already: they are handed over once. */
  private SyncClient handedBack;

  /** Comments and suggestions beside the text (ADR 0012). */
  private final ReviewState review = new ReviewState();

  /** Lock events applied so far: a lock read is stale if one arrived while it was on its way. */
  private long lockEvents;

  private boolean closed;
  private ConnectionState connectionState = ConnectionState.CONNECTING;

  /** The document's metadata as last read (a copy's title and role while offline). */
  private DocumentInfo info;

  /** The offline copy's writer and this session's claim on it; empty without a store. */
  private final Optional<Copy> copy;

  private record Copy(
      OfflineStore store, OfflineStore.Claim claim, CopyWriter writer, ExecutorService io) {}

  private DocumentSession(
      Connection connection,
      String documentId,
      DocumentInfo info,
      Review reviewApi,
      Optional<Copy> copy) {
    this.connection = connection;
    this.reviewApi = reviewApi;
    this.documentId = documentId;
    this.info = info;
    this.copy = copy;
    this.subscription =
        ResumableSubscription.editChannel(
            connection, documentId, subscriberId, new StreamHandler());
  }

  /**
   * Loads the document at head and starts editing it (blocking: not on a UI thread). Use {@code
   * RaftpadClient.openDocument}.
   */
  public static DocumentSession open(Connection connection, String documentId, Review reviewApi) {
    return open(connection, documentId, reviewApi, Optional.empty());
  }

  /**
   * Opens the document from its offline copy when {@code store} has one (no network needed: the
   * stream catches up once the cluster answers), else loads it at head and keeps a copy from then
   * on. A copy another session holds is left to it (this one edits without a copy); a damaged copy
   * is set aside and the document loaded from the server. Blocking: not on a UI thread.
   *
   * @throws RaftpadException when there is no copy and the document cannot be loaded
   */
  public static DocumentSession open(
      Connection connection, String documentId, Review reviewApi, Optional<OfflineStore> store) {
    Optional<OfflineStore.Claim> claim = Optional.empty();
    Optional<SavedDocument> saved = Optional.empty();
    if (store.isPresent()) {
      try {
        claim = store.get().claim(documentId);
        if (claim.isPresent()) {
          saved = loadCopy(store.get(), documentId);
        }
      } catch (IOException e) {
        claim.ifPresent(OfflineStore.Claim::close);
        claim = Optional.empty(); // the store is unusable: edit as without one
      }
    }
    DocumentSession session;
    try {
      Optional<Copy> copy = claim.map(c -> copyIn(store.orElseThrow(), c, documentId));
      if (saved.isPresent()) {
        session = new DocumentSession(connection, documentId, saved.get().info(), reviewApi, copy);
        session.restore(saved.get());
      } else {
        DocumentSnapshot snapshot = load(connection, documentId);
        session = new DocumentSession(connection, documentId, snapshot.info(), reviewApi, copy);
        session.loaded(snapshot);
      }
    } catch (RuntimeException e) {
      claim.ifPresent(OfflineStore.Claim::close);
      throw e;
    }
    session.subscription.start();
    return session;
  }

  private static Optional<SavedDocument> loadCopy(OfflineStore store, String documentId)
      throws IOException {
    try {
      return store.load(documentId);
    } catch (DamagedCopyException e) {
      var unused = store.setAside(documentId);
      return Optional.empty();
    }
  }

  private static Copy copyIn(OfflineStore store, OfflineStore.Claim claim, String documentId) {
    ExecutorService io =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("raftpad-copy-" + documentId).factory());
    // A copy that cannot be written is not worth stopping the editing for: the next write retries.
    return new Copy(store, claim, new CopyWriter(store, io, e -> {}), io);
  }

  private void loaded(DocumentSnapshot snapshot) {
    lock.lock();
    try {
      sync = newSyncClient(snapshot);
      review.load(snapshot, sync);
      saveCopy();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Goes on from a copy: with its client id and sequence numbers when it holds unconfirmed edits
   * (the operation in flight is sent again as it was), else under a new client id.
   */
  private void restore(SavedDocument saved) {
    lock.lock();
    try {
      SyncClient.Saved state = saved.sync();
      if (!saved.hasUnconfirmedEdits()) {
        state =
            new SyncClient.Saved(
                UUID.randomUUID().toString(),
                state.confirmed(),
                state.revision(),
                0,
                new SyncState.Synchronized());
      }
      sync = SyncClient.restore(state, this::send);
      review.load(
          new DocumentSnapshot(info, state.revision(), state.confirmed(), Optional.empty()), sync);
    } finally {
      lock.unlock();
    }
  }

  /** Queues a write of this session's copy (under the lock; no I/O here). */
  private void saveCopy() {
    copy.ifPresent(c -> c.writer().changed(savedNow()));
  }

  private SavedDocument savedNow() {
    return new SavedDocument(
        documentId, info.title(), info.yourRole(), Instant.now(), sync.saved());
  }

  /**
   * The document's metadata: as loaded, or, opened from an offline copy, its title and the user's
   * role then (read again once the stream is live).
   */
  public DocumentInfo info() {
    lock.lock();
    try {
      return info;
    } finally {
      lock.unlock();
    }
  }

  private static DocumentSnapshot load(Connection connection, String documentId) {
    return Wire.snapshot(
        getDocument(connection, GetDocumentRequest.newBuilder().setDocumentId(documentId)));
  }

  private static GetDocumentResponse getDocument(
      Connection connection, GetDocumentRequest.Builder request) {
    return connection.call(
        CallKind.READ,
        a ->
            DocumentServiceGrpc.newBlockingStub(a.channel())
                .withDeadline(a.deadline())
                .getDocument(request.build()));
  }

  /** The metadata alone (not the content, which the session already has): on every reconnection. */
  private static DocumentInfo readInfo(Connection connection, String documentId) {
    return Wire.document(
        getDocument(
                connection,
                GetDocumentRequest.newBuilder().setDocumentId(documentId).setInfoOnly(true))
            .getDocument());
  }

  private SyncClient newSyncClient(DocumentSnapshot snapshot) {
    // A fresh client id per load: sequence numbers restart at 1 and must not collide with an
    // earlier load's.
    return new SyncClient(
        UUID.randomUUID().toString(), snapshot.content(), snapshot.revision(), this::send);
  }

  /**
   * Sends an operation on the edit channel (under the session lock; never blocks). With no stream
   * right now it is not sent: the unconfirmed operation goes again once the next stream is Live.
   */
  private void send(Outgoing outgoing) {
    if (resyncing || sync == null || !outgoing.clientId().equals(sync.clientId())) {
      // What the server has of this client is being asked, or the client is being swapped in:
      // the operation goes once the next stream is Live.
      return;
    }
    if (copy.isPresent()) {
      // On disk first: a restart must resend exactly this under this number (CopyWriter).
      copy.get().writer().sendAfterWrite(savedNow(), () -> sendIfCurrent(outgoing));
      return;
    }
    transmit(outgoing);
  }

  /** Sends an operation whose copy was written, unless its client was replaced meanwhile. */
  private void sendIfCurrent(Outgoing outgoing) {
    lock.lock();
    try {
      if (closed || resyncing || !outgoing.clientId().equals(sync.clientId())) {
        return;
      }
    } finally {
      lock.unlock();
    }
    transmit(outgoing);
  }

  private void transmit(Outgoing outgoing) {
    var unused =
        subscription.send(
            EditChannelRequest.newBuilder()
                .setSubmit(
                    SubmitOperationRequest.newBuilder()
                        .setClientId(outgoing.clientId())
                        .setClientSeq(outgoing.clientSeq())
                        .setBaseRevision(outgoing.baseRevision())
                        .setOperation(OperationCodec.toWire(outgoing.operation())))
                .build());
  }

  public String documentId() {
    return documentId;
  }

  /**
   * The client id this session's edits travel with now (a resync starts a new one): with {@link
   * #localEdit}'s sequence number it names an edit in {@code OperationCommitted} events.
   */
  public String clientId() {
    lock.lock();
    try {
      return sync.clientId();
    } finally {
      lock.unlock();
    }
  }

  /** Receives every later event on the event executor. */
  public void addListener(Consumer<SessionEvent> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<SessionEvent> listener) {
    listeners.remove(listener);
  }

  /**
   * Applies a local edit at once and sends it (or composes it into the buffer).
   *
   * <p>Positions refer to the document at the moment the edit is applied. Off the event executor,
   * an operation built from {@link #document()} may be stale by then: a remote edit applied in
   * between shifts positions without making the operation invalid (an insert at a stale end lands
   * inside the text). Build position-dependent edits on the event executor, as a UI thread does.
   *
   * <p>Sequence numbers belong to the session's current client id: a resync starts a new one
   * (numbers restart at 1), and listeners see {@link SessionEvent.Resynced} only after the swap, so
   * an edit made from another thread just before the event belongs to the new client.
   *
   * @return the client sequence number the edit will be acknowledged with ({@link
   *     SessionEvent.Acknowledged#clientSeq()})
   * @throws IllegalArgumentException if the operation does not fit the current document
   */
  public long localEdit(Operation operation) {
    return localEdit(operation, false);
  }

  /**
   * {@link #localEdit(Operation)}; with {@code continuesLast} {@link #undo} takes it back together
   * with the newest undoable edit (an editor grouping typing by word).
   */
  public long localEdit(Operation operation, boolean continuesLast) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("session closed");
      }
      sync.edit(review.asTyped(operation, sync.document()), continuesLast);
      saveCopy();
      changed.signalAll();
      return travellingSeq();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Suggesting mode: while on, {@link #localEdit} turns typing into suggestions (inserts marked as
   * suggested, deletions marked instead of made, except of one's own suggested text), as {@code
   * Suggestions.suggest} does; consecutive typing at one place is one suggestion.
   */
  public void setSuggesting(boolean suggesting) {
    lock.lock();
    try {
      review.setSuggesting(suggesting);
    } finally {
      lock.unlock();
    }
  }

  public boolean isSuggesting() {
    lock.lock();
    try {
      return review.suggesting();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Accepts or rejects suggestions as an edit of the text this user sees: it merges with concurrent
   * typing like any edit, and {@link #undo} takes it back (needs an editor's role; the server
   * refuses it otherwise, and the session resyncs).
   *
   * @return the operation applied, empty if no text carries any of the ids
   */
  public Optional<Operation> resolveSuggestions(Set<String> ids, Decision decision) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("session closed");
      }
      Operation resolution = Suggestions.resolve(sync.document(), ids, decision);
      if (resolution.isIdentity()) {
        return Optional.empty();
      }
      sync.edit(resolution);
      saveCopy();
      changed.signalAll();
      return Optional.of(resolution);
    } finally {
      lock.unlock();
    }
  }

  /** The suggestions in the text this user sees, in document order, with their authors. */
  public List<Suggestion> suggestions() {
    lock.lock();
    try {
      return review.suggestions(sync.document());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The suggestions in {@code document}, a {@link #document()} this session handed out, with their
   * authors. Only copying the authors takes the session's lock: the walk over the document's runs
   * does not, so a UI can run it in the background while the user types.
   */
  public List<Suggestion> suggestionsIn(Document document) {
    Map<String, Suggestion> authors;
    lock.lock();
    try {
      authors = review.authors();
    } finally {
      lock.unlock();
    }
    return ReviewState.suggestions(document, authors);
  }

  /**
   * The comment threads (resolved ones too), by position, anchored in the text this user sees: each
   * anchor is the server's, moved through this user's unconfirmed edits.
   */
  public List<CommentThread> threads() {
    lock.lock();
    try {
      return review.threads(sync.anchors());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts a comment thread on {@code range} of the text this user sees. Waits (up to {@code
   * timeout}) until this user's edits are confirmed, so the range is one of a server revision; the
   * thread then arrives through the stream like anyone's ({@link SessionEvent.ThreadChanged}).
   * Blocking: not on a UI thread.
   */
  public Review.CommentChange startThread(Selection range, String text, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long revision;
      lock.lock();
      try {
        if (closed) {
          throw new IllegalStateException("session closed");
        }
        revision = sync.revision();
        boolean confirmed = !resyncing && sync.state() instanceof SyncState.Synchronized;
        if (!confirmed) {
          revision = -1;
        }
      } finally {
        lock.unlock();
      }
      if (revision >= 0) {
        return reviewApi.startThread(documentId, revision, range, text);
      }
      if (!awaitSynchronized(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        throw new IllegalStateException("your edits are not confirmed yet; try again");
      }
    }
  }

  /** Undoes this user's newest undoable edit; empty if there is none. */
  public Optional<Operation> undo() {
    lock.lock();
    try {
      Optional<Operation> undone = sync.undo();
      saveCopy();
      changed.signalAll();
      return undone;
    } finally {
      lock.unlock();
    }
  }

  public Optional<Operation> redo() {
    lock.lock();
    try {
      Optional<Operation> redone = sync.redo();
      saveCopy();
      changed.signalAll();
      return redone;
    } finally {
      lock.unlock();
    }
  }

  /** The document as this user sees it: the server's revision plus unconfirmed local edits. */
  public Document document() {
    lock.lock();
    try {
      return sync.document();
    } finally {
      lock.unlock();
    }
  }

  public String text() {
    return document().text();
  }

  /** The newest server revision applied locally. */
  public long revision() {
    lock.lock();
    try {
      return sync.revision();
    } finally {
      lock.unlock();
    }
  }

  /** Whether every local edit is confirmed by the server. */
  public boolean isSynchronized() {
    lock.lock();
    try {
      return !resyncing && sync.state() instanceof SyncState.Synchronized;
    } finally {
      lock.unlock();
    }
  }

  /** Other clients' carets by client id, in current positions. */
  public Map<String, Selection> remoteCarets() {
    lock.lock();
    try {
      return sync.carets().all();
    } finally {
      lock.unlock();
    }
  }

  public ConnectionState connectionState() {
    lock.lock();
    try {
      return connectionState;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every local edit is confirmed, or the timeout passes.
   *
   * @return whether it is synchronized
   */
  public boolean awaitSynchronized(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (resyncing || !(sync.state() instanceof SyncState.Synchronized)) {
        if (remaining <= 0 || closed) {
          return false;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Publishes this user's caret or selection to the document's other clients (best effort). Only
   * while synchronized: receivers place it at a server revision.
   *
   * @return false when not sent (edits are unconfirmed; send again once they are)
   */
  public boolean updateCursor(Selection selection) {
    String clientId;
    long revision;
    lock.lock();
    try {
      if (closed || resyncing || !(sync.state() instanceof SyncState.Synchronized)) {
        return false;
      }
      clientId = sync.clientId();
      revision = sync.revision();
    } finally {
      lock.unlock();
    }
    return subscription.send(
        EditChannelRequest.newBuilder()
            .setCursor(
                UpdateCursorRequest.newBuilder()
                    .setClientId(clientId)
                    .setRevision(revision)
                    .setSelection(Wire.selection(selection)))
            .build());
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connectionState = ConnectionState.CLOSED;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    subscription.close();
    copy.ifPresent(DocumentSession::release);
  }

  /** Writes the newest copy (quitting must not lose the last keystrokes), then lets it go. */
  private static void release(Copy c) {
    try {
      c.writer().flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      c.io().shutdown();
      c.claim().close();
    }
  }

  /** The sequence number the newest local edit travels with. */
  private long travellingSeq() {
    return switch (sync.state()) {
      case SyncState.AwaitingConfirm a -> a.seq();
      case SyncState.AwaitingWithBuffer b -> b.seq() + 1;
      case SyncState.Synchronized s -> 0;
    };
  }

  // --- Remote events, on the event executor. ------------------------------------------------

  private void apply(long generation, Event event) {
    List<SessionEvent> out = new ArrayList<>(1);
    boolean resume = false;
    lock.lock();
    try {
      if (closed || resyncing || generation != subscription.generation()) {
        return;
      }
      switch (event.getKindCase()) {
        case OPERATION -> {
          review.learn(event.getOperation());
          committed(event, out);
          saveCopy();
        }
        case COMMENT_CHANGED -> review.threadChanged(event.getCommentChanged(), sync, out);
        case CURSOR -> {
          var c = event.getCursor();
          if (!c.getClientId().equals(sync.clientId())) {
            caretUsers.put(c.getClientId(), Wire.user(c.getUser()));
            sync.onRemoteSelection(
                c.getClientId(), c.getRevision(), Wire.selection(c.getSelection()));
            out.add(cursorsChanged());
          }
        }
        case JOINED, LEFT -> presence(event, out);
        case LIVE -> {
          sync.resend(); // after the replay, which may already have confirmed it
          refreshLock(generation);
        }
        case RESYNC -> resume = overflowed(event.getResync().getReason());
        default ->
            Wire.event(event)
                .flatMap(DocumentSession::translate)
                .ifPresent(
                    translated -> {
                      if (translated instanceof SessionEvent.LockChanged) {
                        lockEvents++;
                      }
                      out.add(translated);
                    });
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (resume) {
      subscription.restart(); // resumes from this session's revision: the server replays
    }
    deliver(out);
  }

  /**
   * A Resync event. An overflowed subscriber resumes from its revision, so what it missed is
   * replayed and transformed like any operation (true: restart the stream); if it overflows again
   * without having moved on, or the history is gone, the session reloads and carries its edits
   * over.
   */
  private boolean overflowed(ResyncReason reason) {
    if (reason == ResyncReason.RESYNC_REASON_SUBSCRIBER_TOO_SLOW
        && overflowResumedAt != sync.revision()) {
      overflowResumedAt = sync.revision();
      return true;
    }
    startResync();
    return false;
  }

  private void committed(Event event, List<SessionEvent> out) {
    var c = event.getOperation();
    long revision = c.getRevision();
    if (revision <= sync.revision()) {
      return; // replayed twice around a reconnect
    }
    if (revision != sync.revision() + 1) {
      startResync();
      return;
    }
    Optional<Operation> applied;
    try {
      applied =
          sync.onCommitted(
              revision,
              c.getClientId(),
              c.getClientSeq(),
              OperationCodec.fromWire(c.getOperation(), "operation"));
    } catch (IllegalStateException e) {
      startResync();
      return;
    }
    if (applied.isEmpty()) {
      lockedRefusals = 0;
      out.add(new SessionEvent.Acknowledged(revision, c.getClientSeq()));
    } else {
      out.add(
          new SessionEvent.RemoteEdit(
              revision, applied.get(), Wire.user(c.getAuthor()), c.getClientId()));
    }
  }

  /**
   * Which user each remote caret belongs to, as its caret events said: shown with the caret, and a
   * user who leaves takes their carets along.
   */
  private final java.util.Map<String, User> caretUsers = new java.util.HashMap<>();

  private SessionEvent.CursorsChanged cursorsChanged() {
    return new SessionEvent.CursorsChanged(sync.carets().all(), caretUsers);
  }

  /**
   * JOIN/LEAVE of this document (the cluster-wide online events, with no document id, are not the
   * session's business). A user who leaves takes their carets along.
   */
  private void presence(Event event, List<SessionEvent> out) {
    if (!event.getDocumentId().equals(documentId)) {
      return;
    }
    boolean joined = event.hasJoined();
    var user = Wire.user(joined ? event.getJoined().getUser() : event.getLeft().getUser());
    out.add(new SessionEvent.PresenceChanged(user, joined));
    if (!joined) {
      List<String> gone = new ArrayList<>();
      caretUsers.forEach(
          (client, owner) -> {
            if (owner.id().equals(user.id())) {
              gone.add(client);
            }
          });
      if (!gone.isEmpty()) {
        gone.forEach(
            client -> {
              caretUsers.remove(client);
              sync.carets().remove(client);
            });
        out.add(cursorsChanged());
      }
    }
  }

  /**
   * Reads the document's lock once the stream is live. The replay after a (re)connection brings the
   * operations missed, not lock changes: a lock taken or released while the stream was down (or
   * between opening the document and subscribing) would otherwise stay unknown until the next one.
   * The read is linearizable and made after the stream was registered, so it is at least as new as
   * everything before it; a lock event that arrives meanwhile is newer still and wins.
   */
  private void refreshLock(long generation) {
    long seen = lockEvents;
    connection
        .workers()
        .execute(
            () -> {
              DocumentInfo now;
              try {
                now = readInfo(connection, documentId);
              } catch (RaftpadException e) {
                return; // the stream's next Live reads again
              }
              connection.events().execute(() -> infoRead(generation, seen, now));
            });
  }

  /** The metadata read once Live: the copy learns the title and role, listeners the lock. */
  private void infoRead(long generation, long seen, DocumentInfo read) {
    lock.lock();
    try {
      if (closed || generation != subscription.generation()) {
        return;
      }
      info = read;
      saveCopy();
      if (lockEvents != seen) {
        return;
      }
    } finally {
      lock.unlock();
    }
    deliver(List.of(new SessionEvent.LockChanged(read.lock())));
  }

  private static Optional<SessionEvent> translate(RaftpadEvent event) {
    return Optional.ofNullable(
        switch (event) {
          case RaftpadEvent.LockAcquired l -> new SessionEvent.LockChanged(Optional.of(l.lock()));
          case RaftpadEvent.LockReleased l -> new SessionEvent.LockChanged(Optional.empty());
          case RaftpadEvent.DocumentRenamed r -> new SessionEvent.DocumentChanged(r.document());
          case RaftpadEvent.DocumentDeleted d -> new SessionEvent.DocumentChanged(d.document());
          case RaftpadEvent.Alert a -> new SessionEvent.AlertRaised(a);
          default -> null;
        });
  }

  /**
   * Reloads the document and carries the unconfirmed edits onto it (on the event executor, under
   * the lock). Off the event executor: what became of the operation in flight is asked of the
   * server by resubmitting it with its own (clientId, clientSeq) — applied (now or before), or
   * refused because its base is gone — so it is carried only if it was not applied; then the head
   * is loaded and swapped in on the event executor.
   */
  private void startResync() {
    if (resyncing) {
      return;
    }
    resyncing = true;
    Optional<Outgoing> inFlight = sync.inFlight();
    connection
        .workers()
        .execute(
            () -> {
              boolean applied = false;
              if (inFlight.isPresent()) {
                Optional<Boolean> known = wasApplied(inFlight.get());
                if (known.isEmpty()) {
                  return; // handed back, or closed
                }
                applied = known.get();
              }
              Optional<DocumentSnapshot> loaded = reload();
              boolean carryApplied = applied;
              loaded.ifPresent(
                  snapshot ->
                      connection.events().execute(() -> resynced(snapshot, carryApplied, true)));
            });
  }

  /**
   * Whether the server applied {@code sent}, asked by sending it again (blocking, on a worker):
   * exactly once per (clientId, clientSeq), so an answer is either its revision (applied now or
   * before) or REVISION_COMPACTED (its base is gone: never applied, and never will be, since the
   * base only gets older). A lock held by someone else is waited out; any other refusal hands the
   * edits back (empty then, as when the client closes).
   */
  private Optional<Boolean> wasApplied(Outgoing sent) {
    long pauseMillis = 250;
    while (!connection.isClosed()) {
      try {
        var unused =
            connection.call(
                CallKind.IDEMPOTENT_WRITE,
                a ->
                    EditServiceGrpc.newBlockingStub(a.channel())
                        .withDeadline(a.deadline())
                        .submitOperation(
                            SubmitOperationRequest.newBuilder()
                                .setDocumentId(documentId)
                                .setClientId(sent.clientId())
                                .setClientSeq(sent.clientSeq())
                                .setBaseRevision(sent.baseRevision())
                                .setOperation(OperationCodec.toWire(sent.operation()))
                                .build()));
        return Optional.of(true);
      } catch (RaftpadException e) {
        if (e.reason() == RaftpadException.Reason.REVISION_COMPACTED) {
          return Optional.of(false);
        }
        if (!e.reason().isTransient() && e.reason() != RaftpadException.Reason.DOCUMENT_LOCKED) {
          connection.events().execute(() -> handBack(e));
          return Optional.empty();
        }
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      pauseMillis = Math.min(pauseMillis * 2, 5_000);
    }
    return Optional.empty();
  }

  /** Loads the head (blocking, on a worker); empty when it cannot be read any more (reported). */
  private Optional<DocumentSnapshot> reload() {
    while (!connection.isClosed()) {
      try {
        return Optional.of(load(connection, documentId));
      } catch (RaftpadException e) {
        if (!e.reason().isTransient()) {
          connection.events().execute(() -> handBack(e));
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Swaps in a client at the loaded head: with the unconfirmed edits carried over ({@code carry}),
   * or without them once they were handed back. The carried edits go once the new stream is Live.
   */
  private void resynced(DocumentSnapshot snapshot, boolean inFlightApplied, boolean carry) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      String newClientId = UUID.randomUUID().toString();
      sync =
          carry
              ? sync.carriedOnto(
                  newClientId, snapshot.content(), snapshot.revision(), inFlightApplied, this::send)
              : newSyncClient(snapshot);
      review.load(snapshot, sync);
      info = snapshot.info();
      resyncing = false;
      saveCopy();
      overflowResumedAt = -1;
      lockedRefusals = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    subscription.restart();
    deliver(List.of(new SessionEvent.Resynced(snapshot.revision())));
  }

  /**
   * The unconfirmed edits can never be applied (no access any more, the document gone, an edit the
   * server will not take): they are handed to the user in {@link SessionEvent.EditsReturned} —
   * never silently dropped — and the session goes on without them at the server's head, if it can
   * still read it. On the event executor.
   */
  private void handBack(RaftpadException reason) {
    Document local;
    boolean anything;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      resyncing = true;
      local = sync.document();
      anything = handedBack != sync && !(sync.state() instanceof SyncState.Synchronized);
      handedBack = sync;
    } finally {
      lock.unlock();
    }
    if (anything) {
      deliver(List.of(new SessionEvent.EditsReturned(reason, local)));
    }
    connection
        .workers()
        .execute(
            () -> {
              try {
                DocumentSnapshot snapshot = load(connection, documentId);
                connection.events().execute(() -> resynced(snapshot, false, false));
              } catch (RaftpadException e) {
                subscription.close();
                forgetCopyIfGone(e);
                connection.events().execute(() -> deliver(List.of(new SessionEvent.Failed(e))));
              }
            });
  }

  /** The server refused an operation for good; called on a gRPC thread. */
  private void refused(String clientId, RaftpadException reason) {
    connection
        .events()
        .execute(
            () -> {
              boolean handBack = false;
              lock.lock();
              try {
                if (closed || resyncing || !clientId.equals(sync.clientId())) {
                  return;
                }
                switch (reason.reason()) {
                  case REVISION_COMPACTED -> startResync();
                  case DOCUMENT_LOCKED -> resendLater();
                  default -> handBack = true;
                }
              } finally {
                lock.unlock();
              }
              deliver(List.of(new SessionEvent.EditRejected(reason)));
              if (handBack) {
                handBack(reason);
              }
            });
  }

  /**
   * Someone else holds the document's lock: the edits stay, and the operation in flight is sent
   * again (same clientId and clientSeq) after a pause that grows with each refusal, until the lock
   * is gone. Under the lock.
   */
  private void resendLater() {
    long pauseMillis = Math.min(500L << Math.min(lockedRefusals, 4), 8_000);
    lockedRefusals++;
    SyncClient refusedBy = sync;
    try {
      var unused =
          connection
              .scheduler()
              .schedule(
                  () ->
                      connection
                          .events()
                          .execute(
                              () -> {
                                lock.lock();
                                try {
                                  if (!closed && !resyncing && sync == refusedBy) {
                                    sync.resend();
                                  }
                                } finally {
                                  lock.unlock();
                                }
                              }),
                  pauseMillis,
                  TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The client is closing.
    }
  }

  /**
   * The stream ended for good (access removed, the document deleted, the login gone): unconfirmed
   * edits are handed over first, then the failure. On the event executor.
   */
  private void failed(RaftpadException failure) {
    Document local = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (handedBack != sync && !(sync.state() instanceof SyncState.Synchronized)) {
        local = sync.document();
      }
      handedBack = sync;
      resyncing = true;
    } finally {
      lock.unlock();
    }
    if (local != null) {
      deliver(List.of(new SessionEvent.EditsReturned(failure, local)));
    }
    forgetCopyIfGone(failure);
    deliver(List.of(new SessionEvent.Failed(failure)));
  }

  /**
   * Removes the offline copy when the document is out of reach for good: its edits were handed over
   * already, and a copy would offer a document that cannot be had. On the copy's own thread, after
   * any write still queued.
   */
  private void forgetCopyIfGone(RaftpadException failure) {
    if (!goneForGood(failure)) {
      return;
    }
    copy.ifPresent(
        c -> {
          try {
            c.io()
                .execute(
                    () -> {
                      try {
                        c.store().remove(documentId);
                      } catch (IOException e) {
                        // Listed offline once more; opening it fails the same way again.
                      }
                    });
          } catch (RejectedExecutionException e) {
            // Closed meanwhile: the copy stays, and the next open fails the same way.
          }
        });
  }

  /**
   * Whether the document is out of this user's reach for good (deleted, access removed), as opposed
   * to a login that ended: a copy's edits still go once the user signs in again.
   */
  private static boolean goneForGood(RaftpadException failure) {
    return switch (failure.reason()) {
      case DOCUMENT_NOT_FOUND, PERMISSION_DENIED, NOT_ALLOWED -> true;
      default -> false;
    };
  }

  private void deliver(List<SessionEvent> events) {
    for (SessionEvent event : events) {
      for (Consumer<SessionEvent> listener : listeners) {
        listener.accept(event);
      }
    }
  }

  private final class StreamHandler implements ResumableSubscription.Handler {
    @Override
    public Map<String, Long> resumePoints() {
      return Map.of(documentId, revision());
    }

    @Override
    public Map<String, Long> reviewResumePoints() {
      lock.lock();
      try {
        return Map.of(documentId, review.version());
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onEvent(long generation, Event event) {
      connection.events().execute(() -> apply(generation, event));
    }

    @Override
    public void onState(ConnectionState state) {
      connection
          .events()
          .execute(
              () -> {
                lock.lock();
                try {
                  if (closed) {
                    return;
                  }
                  connectionState = state;
                } finally {
                  lock.unlock();
                }
                deliver(List.of(new SessionEvent.ConnectionChanged(state)));
              });
    }

    @Override
    public void onFailed(RaftpadException failure) {
      connection.events().execute(() -> failed(failure));
    }

    @Override
    public void onRefused(String clientId, long clientSeq, RaftpadException reason) {
      refused(clientId, reason);
    }
  }
}
