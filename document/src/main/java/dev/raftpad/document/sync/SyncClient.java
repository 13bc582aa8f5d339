package dev.raftpad.document.sync;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.op.TieBreak;
import dev.raftpad.document.review.CommentAnchor;
import dev.raftpad.document.review.CommentAnchors;
import dev.raftpad.document.sync.SyncState.AwaitingConfirm;
import dev.raftpad.document.sync.SyncState.AwaitingWithBuffer;
import dev.raftpad.document.sync.SyncState.Synchronized;
import dev.raftpad.document.text.Document;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The client side of operational transformation: the ot.js client state machine, plus undo of one's
 * own edits and remote carets.
 *
 * <p>At most one operation is in flight; typing meanwhile is composed into a buffer and sent when
 * the server confirms. Committed operations arrive in revision order through {@link #onCommitted};
 * the client's own operation arriving there is its confirmation, anyone else's is transformed
 * against the in-flight operation and the buffer before it is applied. After a reconnect, {@link
 * #resend} sends the in-flight operation again with the same sequence number, so the server applies
 * it at most once.
 *
 * <p>Single-threaded: the caller serialises calls (the UI thread, or the SDK's event loop).
 */
public final class SyncClient {
  private final String clientId;
  private final Consumer<Outgoing> outbox;
  private final UndoStack undo;
  private final RemoteCarets carets = new RemoteCarets();

  /** Comment anchors at {@link #revision}, moved exactly as the server moves them. */
  private final CommentAnchors anchors = new CommentAnchors();

  private Document document;

  /**
   * The document at {@link #revision} as the server has it (the local document without the
   * unconfirmed edits): the base of a three-way merge when a resync cannot replay what was missed.
   */
  private Document confirmed;

  private long revision;
  private long lastSeq;
  private SyncState state = new Synchronized();

  /**
   * A client that has loaded {@code document} at {@code revision}.
   *
   * @param outbox receives each operation to send; must not call back into this client
   */
  public SyncClient(String clientId, Document document, long revision, Consumer<Outgoing> outbox) {
    this(clientId, document, revision, outbox, UndoStack.DEFAULT_DEPTH);
  }

  /**
   * A client keeping at most {@code undoDepth} edits for undo; 0 turns undo off (a client that
   * never undoes, such as a script or a trace replay, then pays nothing for it).
   *
   * @param outbox receives each operation to send; must not call back into this client
   */
  public SyncClient(
      String clientId, Document document, long revision, Consumer<Outgoing> outbox, int undoDepth) {
    if (undoDepth < 0) {
      throw new IllegalArgumentException("negative undo depth " + undoDepth);
    }
    this.undo = new UndoStack(undoDepth);
    this.clientId = clientId;
    this.document = document;
    this.confirmed = document;
    this.revision = revision;
    this.outbox = outbox;
  }

  /**
   * Everything a client must keep to go on after the process ends (the SDK's offline store writes
   * it): its id and the last sequence number it used (a restarted client must neither reuse a
   * number for another edit nor change the operation it sent under one), the server's document at
   * {@code revision}, and the unconfirmed edits in their ot.js state. Undo history, carets and
   * comment anchors are not kept: they come back from the server or start empty.
   *
   * @param confirmed the document at {@code revision} as the server has it
   * @param lastSeq the newest sequence number this client sent (0: none)
   */
  public record Saved(
      String clientId, Document confirmed, long revision, long lastSeq, SyncState state) {
    public Saved {
      if (revision < 0 || lastSeq < 0) {
        throw new IllegalArgumentException("negative revision or sequence number");
      }
      long inFlightSeq =
          switch (state) {
            case AwaitingConfirm a -> a.seq();
            case AwaitingWithBuffer b -> b.seq();
            case Synchronized s -> lastSeq;
          };
      if (inFlightSeq != lastSeq) {
        throw new IllegalArgumentException(
            "the operation in flight has seq " + inFlightSeq + ", the last one sent " + lastSeq);
      }
    }

    /** The document this user saw: {@code confirmed} with the unconfirmed edits applied. */
    public Document local() {
      return switch (state) {
        case Synchronized s -> confirmed;
        case AwaitingConfirm a -> confirmed.apply(a.inFlight());
        case AwaitingWithBuffer b -> confirmed.apply(b.inFlight()).apply(b.buffer());
      };
    }
  }

  /** This client as {@link Saved}: immutable, so it may be written on another thread. */
  public Saved saved() {
    return new Saved(clientId, confirmed, revision, lastSeq, state);
  }

  /**
   * A client going on from {@code saved} after a restart: the same id and sequence numbers, so the
   * operation in flight, sent again by {@link #resend}, is applied at most once by the server.
   *
   * @throws IllegalArgumentException if the unconfirmed edits do not fit the saved document
   */
  public static SyncClient restore(Saved saved, Consumer<Outgoing> outbox) {
    SyncClient client = new SyncClient(saved.clientId(), saved.local(), saved.revision(), outbox);
    client.confirmed = saved.confirmed();
    client.lastSeq = saved.lastSeq();
    client.state = saved.state();
    return client;
  }

  /** This client's id (one editing session). */
  public String clientId() {
    return clientId;
  }

  /** The document as this user sees it: the server's revision plus unconfirmed local edits. */
  public Document document() {
    return document;
  }

  /** The newest server revision this client has received. */
  public long revision() {
    return revision;
  }

  /** Which of the three ot.js states the client is in. */
  public SyncState state() {
    return state;
  }

  /** The document at {@link #revision()} as the server has it: without unconfirmed edits. */
  public Document confirmedDocument() {
    return confirmed;
  }

  /** The operation in flight exactly as it was sent (its resend repeats it), if any. */
  public Optional<Outgoing> inFlight() {
    return switch (state) {
      case AwaitingConfirm a ->
          Optional.of(new Outgoing(clientId, a.seq(), a.baseRevision(), a.sent()));
      case AwaitingWithBuffer b ->
          Optional.of(new Outgoing(clientId, b.seq(), b.baseRevision(), b.sent()));
      case Synchronized s -> Optional.empty();
    };
  }

  /**
   * Carries this client's unconfirmed edits onto a document reloaded at {@code headRevision}, when
   * the revisions between this client's revision and it are not to be had (the server compacted its
   * history, or this client fell too far behind): a new client whose document is {@code head} with
   * the edits merged in ({@link ThreeWayMerge}), sent at once as an ordinary edit.
   *
   * <p>The caller must know what became of the operation in flight, by its (clientId, clientSeq)
   * (the server's exactly-once answers that): when it was applied, only the edits made after it are
   * carried, so nothing is applied twice. The new client has a new id, so nothing this client sent
   * can be taken for one of its operations; its undo history starts empty.
   *
   * @param inFlightApplied whether the server applied the operation in flight
   */
  public SyncClient carriedOnto(
      String newClientId,
      Document head,
      long headRevision,
      boolean inFlightApplied,
      Consumer<Outgoing> newOutbox) {
    Document base;
    Operation local;
    switch (state) {
      case Synchronized s -> {
        base = confirmed;
        local = Operation.IDENTITY;
      }
      case AwaitingConfirm a -> {
        base = inFlightApplied ? confirmed.apply(a.inFlight()) : confirmed;
        local = inFlightApplied ? Operation.IDENTITY : a.inFlight();
      }
      case AwaitingWithBuffer b -> {
        base = inFlightApplied ? confirmed.apply(b.inFlight()) : confirmed;
        local = inFlightApplied ? b.buffer() : b.inFlight().compose(b.buffer());
      }
    }
    SyncClient carried = new SyncClient(newClientId, head, headRevision, newOutbox, undo.depth());
    Operation merged = ThreeWayMerge.carry(base, local, head);
    if (!merged.isIdentity()) {
      carried.applyLocal(merged);
    }
    return carried;
  }

  /** The carets and selections of other clients, in this document's current positions. */
  public RemoteCarets carets() {
    return carets;
  }

  /**
   * The comment anchors by thread id, in this document's current positions (ADR 0012). Each is kept
   * at the server's revision and moved through every committed revision exactly as the server
   * applied it — so it is the server's anchor, not one that merely converges — and shown moved
   * through this client's unconfirmed edits on top.
   */
  public Map<String, CommentAnchor> anchors() {
    Map<String, CommentAnchor> shown = new LinkedHashMap<>();
    anchors
        .all()
        .forEach(
            (id, anchor) ->
                shown.put(
                    id,
                    switch (state) {
                      case AwaitingConfirm a -> anchor.transform(a.inFlight());
                      case AwaitingWithBuffer b ->
                          anchor.transform(b.inFlight()).transform(b.buffer());
                      case Synchronized s -> anchor;
                    }));
    return shown;
  }

  /**
   * A comment thread's anchor as the server has it at revision {@code atRevision}. Returns false
   * (and keeps nothing) when this client is at another revision: the thread's next event brings it
   * again at the right one.
   */
  public boolean onRemoteAnchor(String threadId, long atRevision, CommentAnchor anchor) {
    if (atRevision != revision) {
      return false;
    }
    anchors.put(threadId, anchor);
    return true;
  }

  /** Forgets a thread's anchor (the thread was deleted). */
  public void forgetAnchor(String threadId) {
    anchors.remove(threadId);
  }

  /**
   * Applies a local edit (typing, formatting), recording it for undo, and sends it or buffers it.
   */
  public void edit(Operation operation) {
    edit(operation, false);
  }

  /**
   * {@link #edit(Operation)}; with {@code continuesLast} one undo takes it back together with the
   * newest undoable edit (typing grouped by word).
   */
  public void edit(Operation operation, boolean continuesLast) {
    if (undo.isEnabled()) {
      undo.recordEdit(document.inverseOf(operation), continuesLast);
    }
    applyLocal(operation);
  }

  /** Undoes this user's newest edit still undoable; returns the operation applied, if any. */
  public Optional<Operation> undo() {
    Optional<Operation> inverse = nextNonIdentity(true);
    inverse.ifPresent(
        operation -> {
          undo.pushRedo(document.inverseOf(operation));
          applyLocal(operation);
        });
    return inverse;
  }

  /** Redoes the newest undone edit; returns the operation applied, if any. */
  public Optional<Operation> redo() {
    Optional<Operation> again = nextNonIdentity(false);
    again.ifPresent(
        operation -> {
          undo.pushUndo(document.inverseOf(operation));
          applyLocal(operation);
        });
    return again;
  }

  /** Whether {@link #undo} has something to undo. */
  public boolean canUndo() {
    return undo.canUndo();
  }

  /**
   * A committed revision from the server, in revision order. Returns the operation applied to the
   * local document (empty when it was this client's own, now confirmed), for the editor to apply to
   * its view.
   *
   * @throws IllegalStateException when a revision is skipped (the caller must resync)
   */
  public Optional<Operation> onCommitted(
      long committedRevision, String committedBy, long seq, Operation operation) {
    if (committedRevision != revision + 1) {
      throw new IllegalStateException(
          "expected revision " + (revision + 1) + ", got " + committedRevision + ": resync");
    }
    // The operation as the server applied it: anchors move exactly as on the server.
    anchors.transform(operation);
    if (committedBy.equals(clientId) && seq <= lastSeq) {
      // Before confirm(): it may send the buffer, and the outbox may read saved(), which must
      // then hold this revision's document.
      confirmed = confirmed.apply(operation);
      confirm(committedRevision, seq);
      if (state instanceof Synchronized) {
        confirmed = document;
      }
      return Optional.empty();
    }
    revision = committedRevision;
    Operation local = transformIncoming(operation, TieBreak.firstGoesFirst(committedBy, clientId));
    document = document.apply(local);
    // While synchronized the two are one document; otherwise the server's operation as applied.
    confirmed = state instanceof Synchronized ? document : confirmed.apply(operation);
    if (undo.isEnabled()) {
      undo.transform(local);
    }
    carets.transform(local);
    return Optional.of(local);
  }

  /**
   * After a reconnect: sends the in-flight operation again, unchanged and with the same sequence
   * number and base revision. The caller first replays the revisions committed meanwhile through
   * {@link #onCommitted} (which may already confirm it), then calls this.
   */
  public void resend() {
    switch (state) {
      case AwaitingConfirm a ->
          outbox.accept(new Outgoing(clientId, a.seq(), a.baseRevision(), a.sent()));
      case AwaitingWithBuffer b ->
          outbox.accept(new Outgoing(clientId, b.seq(), b.baseRevision(), b.sent()));
      case Synchronized s -> {}
    }
  }

  /**
   * A remote client's selection, expressed at server revision {@code atRevision} (a client
   * publishes its selection only while synchronized). Ignored when this client has moved past that
   * revision, since the next update will replace it.
   */
  public void onRemoteSelection(String remoteClient, long atRevision, Selection selection) {
    if (atRevision != revision) {
      return;
    }
    Selection local = selection;
    switch (state) {
      case AwaitingConfirm a -> local = local.transform(a.inFlight());
      case AwaitingWithBuffer b -> local = local.transform(b.inFlight()).transform(b.buffer());
      case Synchronized s -> {}
    }
    carets.put(remoteClient, local.clamp(document.length()));
  }

  private void applyLocal(Operation operation) {
    document = document.apply(operation);
    carets.transform(operation);
    switch (state) {
      case Synchronized s -> send(operation);
      case AwaitingConfirm a ->
          state =
              new AwaitingWithBuffer(a.inFlight(), a.seq(), a.baseRevision(), a.sent(), operation);
      case AwaitingWithBuffer b ->
          state =
              new AwaitingWithBuffer(
                  b.inFlight(), b.seq(), b.baseRevision(), b.sent(), b.buffer().compose(operation));
    }
  }

  private void send(Operation operation) {
    lastSeq++;
    state = new AwaitingConfirm(operation, lastSeq, revision, operation);
    outbox.accept(new Outgoing(clientId, lastSeq, revision, operation));
  }

  private void confirm(long committedRevision, long seq) {
    revision = committedRevision;
    switch (state) {
      case AwaitingConfirm a when a.seq() == seq -> state = new Synchronized();
      case AwaitingWithBuffer b when b.seq() == seq -> send(b.buffer());
      default ->
          throw new IllegalStateException(
              "confirmation of seq " + seq + " in state " + state + ": resync");
    }
  }

  /**
   * Rewrites a remote operation to apply on top of the unconfirmed local ones (ot.js). The server
   * ordered the remote operation first; ties between inserts follow {@link TieBreak}, as at the
   * server, so both sides transform alike.
   */
  private Operation transformIncoming(Operation remote, boolean remoteFirst) {
    return switch (state) {
      case Synchronized s -> remote;
      case AwaitingConfirm a -> {
        Operation inFlight = remote.transform(a.inFlight(), remoteFirst);
        Operation local = a.inFlight().transform(remote, !remoteFirst);
        state = new AwaitingConfirm(inFlight, a.seq(), a.baseRevision(), a.sent());
        yield local;
      }
      case AwaitingWithBuffer b -> {
        Operation inFlight = remote.transform(b.inFlight(), remoteFirst);
        Operation pastInFlight = b.inFlight().transform(remote, !remoteFirst);
        Operation buffer = pastInFlight.transform(b.buffer(), remoteFirst);
        Operation local = b.buffer().transform(pastInFlight, !remoteFirst);
        state = new AwaitingWithBuffer(inFlight, b.seq(), b.baseRevision(), b.sent(), buffer);
        yield local;
      }
    };
  }

  private Optional<Operation> nextNonIdentity(boolean fromUndo) {
    while (true) {
      Optional<Operation> next = fromUndo ? undo.popUndo() : undo.popRedo();
      if (next.isEmpty() || !next.get().isIdentity()) {
        return next;
      }
    }
  }
}
