package dev.raftpad.client.sdk.events;

import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.LockInfo;
import dev.raftpad.client.sdk.model.ReviewAction;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import java.time.Instant;
import java.util.List;

/**
 * What a subscription delivers, in log order per document. The protocol's own markers (Live,
 * Resync) are handled by the SDK: Live becomes {@link ConnectionChanged}, Resync becomes {@link
 * ResyncNeeded} for plain subscribers (a document session reloads by itself).
 */
public sealed interface RaftpadEvent {
  /** The document concerned; empty for events not tied to one. */
  String documentId();

  /**
   * A committed operation.
   *
   * @param operation as transformed and applied at this revision
   */
  record OperationCommitted(
      String documentId,
      Instant time,
      long revision,
      Operation operation,
      User author,
      String clientId,
      long clientSeq,
      List<Suggestion> suggestions)
      implements RaftpadEvent {
    public OperationCommitted {
      suggestions = List.copyOf(suggestions);
    }
  }

  /**
   * A comment thread changed: {@code thread} is all of it after the change, anchored at the
   * revision of the operations delivered before this event.
   *
   * @param actor who changed it (empty for {@link ReviewAction#SYNC})
   * @param commentId the comment concerned, for replies, edits and deletions
   */
  record CommentChanged(
      String documentId,
      CommentThread thread,
      ReviewAction action,
      java.util.Optional<User> actor,
      String commentId)
      implements RaftpadEvent {}

  /** This user was @mentioned in a comment by {@code by}. */
  record Mentioned(String documentId, CommentThread thread, String commentId, User by)
      implements RaftpadEvent {}

  record PresenceJoined(String documentId, User user) implements RaftpadEvent {}

  record PresenceLeft(String documentId, User user) implements RaftpadEvent {}

  /** A caret or selection at a revision, relayed (never logged). */
  record CursorMoved(
      String documentId, User user, String clientId, long revision, Selection selection)
      implements RaftpadEvent {}

  record LockAcquired(String documentId, LockInfo lock) implements RaftpadEvent {}

  /**
   * @param reason UNLOCKED, EXPIRED, SESSION_ENDED or UNSPECIFIED
   */
  record LockReleased(String documentId, User previousHolder, String reason)
      implements RaftpadEvent {}

  record DocumentCreated(String documentId, DocumentInfo document) implements RaftpadEvent {}

  record DocumentRenamed(String documentId, DocumentInfo document) implements RaftpadEvent {}

  record DocumentDeleted(String documentId, DocumentInfo document) implements RaftpadEvent {}

  /**
   * A document's access changed: {@code access.yourRole()} is this user's role now. When it is NONE
   * the user just lost access, and nothing else is said ({@code change} is empty); a stream that
   * named the document ends with NOT_ALLOWED.
   */
  record AccessChanged(
      String documentId,
      dev.raftpad.client.sdk.model.DocumentAccess access,
      java.util.Optional<dev.raftpad.client.sdk.model.AccessChange> change)
      implements RaftpadEvent {}

  /**
   * A notification for people.
   *
   * @param kind LEADER_CHANGED, NODE_ADDED, NODE_REMOVED, LOCK_EXPIRING, SERVER_SHUTTING_DOWN...
   */
  record Alert(String documentId, String kind, String message, String nodeId)
      implements RaftpadEvent {}

  /**
   * Events of this document were lost (history compacted, or this subscriber was too slow): reload
   * it (GetDocument) and subscribe again from that revision.
   */
  record ResyncNeeded(String documentId, long headRevision, String reason)
      implements RaftpadEvent {}

  /** The stream's connection state changed. */
  record ConnectionChanged(String documentId, ConnectionState state) implements RaftpadEvent {}
}
