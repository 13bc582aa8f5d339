package dev.raftpad.client.sdk.session;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.LockInfo;
import dev.raftpad.client.sdk.model.ReviewAction;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link DocumentSession} tells its listeners, on the event executor, in order. When a
 * listener runs, the session's document already reflects the event.
 */
public sealed interface SessionEvent {
  /**
   * Someone else's committed operation, transformed against this user's unconfirmed edits.
   *
   * @param operation what was applied to the local document: apply it to the view
   */
  record RemoteEdit(long revision, Operation operation, User author, String clientId)
      implements SessionEvent {}

  /** The server committed this client's operation {@code clientSeq} as {@code revision}. */
  record Acknowledged(long revision, long clientSeq) implements SessionEvent {}

  /**
   * Other clients' carets and selections, by client id, in the local document's positions, and
   * whose each caret is ({@code users}, by client id, as the caret events named them): a caret can
   * be labelled before its owner has typed anything.
   */
  record CursorsChanged(Map<String, Selection> carets, Map<String, User> users)
      implements SessionEvent {
    public CursorsChanged {
      carets = Map.copyOf(carets);
      users = Map.copyOf(users);
    }
  }

  /** A user opened ({@code joined}) or left the document. */
  record PresenceChanged(User user, boolean joined) implements SessionEvent {}

  /** The document's lock changed; empty = unlocked. */
  record LockChanged(Optional<LockInfo> lock) implements SessionEvent {}

  /** The document was renamed or deleted. */
  record DocumentChanged(DocumentInfo info) implements SessionEvent {}

  record AlertRaised(RaftpadEvent.Alert alert) implements SessionEvent {}

  record ConnectionChanged(ConnectionState state) implements SessionEvent {}

  /**
   * The server refused an edit (for information: what happens to it follows). DOCUMENT_LOCKED by
   * another user: the edits stay and are sent again until the lock is gone. REVISION_COMPACTED: the
   * session resyncs and carries them over ({@link Resynced}). Anything else cannot succeed: they
   * are handed over in {@link EditsReturned}.
   */
  record EditRejected(RaftpadException reason) implements SessionEvent {}

  /**
   * The session reloaded the document at {@code revision} (when the server could not replay what
   * was missed, or refused an edit whose base is gone). The unconfirmed local edits were carried
   * onto it and are on their way as ordinary edits, under a new {@link DocumentSession#clientId()}:
   * show {@link DocumentSession#document()} anew.
   */
  record Resynced(long revision) implements SessionEvent {}

  /**
   * Edits that can never be applied — no access any more, the document deleted, an edit the server
   * will not take — handed over instead of dropped: {@code localContent} is the document as this
   * user had it, their unconfirmed edits included (save it elsewhere). The session goes on at the
   * server's head if it can still read it ({@link Resynced}), else {@link Failed} follows.
   */
  record EditsReturned(RaftpadException reason, Document localContent) implements SessionEvent {
    /** The user's text, unconfirmed edits included. */
    public String text() {
      return localContent.text();
    }
  }

  /** The session stopped receiving for good (the document is gone, the login expired). */
  record Failed(RaftpadException reason) implements SessionEvent {}

  /**
   * A comment thread changed (or arrived on resume, as {@link ReviewAction#SYNC}); {@code thread}
   * is anchored in the text this user sees. A deleted thread comes with {@code thread.deleted()}.
   */
  record ThreadChanged(CommentThread thread, ReviewAction action, Optional<User> actor)
      implements SessionEvent {}
}
