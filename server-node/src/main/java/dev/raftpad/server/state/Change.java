package dev.raftpad.server.state;

import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccessChangeRecord;
import dev.raftpad.proto.v1.CommentAction;
import dev.raftpad.proto.v1.CommentThreadRecord;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.SuggestionRecord;
import java.util.List;

/**
 * What applying a command changed that subscribers hear about, reported by the state's parts in
 * apply order. Plain domain facts: turning them into client events is the announcer's job, off the
 * state machine, and skipped when nobody listens.
 */
public sealed interface Change {
  /** The leader-stamped time of the command that made the change. */
  long timeMillis();

  /** What happened to a document as a whole. */
  enum Lifecycle {
    /** Created, or restored from the trash: for subscribers it (re)appears. */
    APPEARED,
    RENAMED,
    DELETED
  }

  /** A document appeared, was renamed or went to the trash; its metadata and head after it. */
  record DocumentChanged(
      Lifecycle lifecycle, DocumentRecord document, long revision, int length, long timeMillis)
      implements Change {}

  /**
   * An edit, a restore or a suggestion resolution became {@code revision}: {@code operation} as
   * transformed and applied, with the records of the suggestions whose marks it sets.
   */
  record EditCommitted(
      String documentId,
      long revision,
      Operation operation,
      String userId,
      String clientId,
      long clientSeq,
      List<SuggestionRecord> suggestions,
      long timeMillis)
      implements Change {}

  /**
   * A comment thread changed ({@code thread} after it, anchored at {@code revision}); {@code
   * mentioned} are the users a new or edited comment newly @mentions.
   */
  record ThreadChanged(
      String documentId,
      CommentThreadRecord thread,
      CommentAction action,
      String actorUserId,
      String commentId,
      List<String> mentioned,
      long revision,
      long timeMillis)
      implements Change {}

  /**
   * A document's access changed from {@code before} to {@code after} by {@code change} (as its
   * history keeps it).
   */
  record AccessChanged(
      String documentId,
      DocumentAccess before,
      DocumentAccess after,
      AccessChangeRecord change,
      long timeMillis)
      implements Change {}

  record LockAcquired(String documentId, LockRecord lock, long timeMillis) implements Change {}

  /** The holder unlocked (expiry and session ends are not announced, as before). */
  record LockReleased(String documentId, String userId, long timeMillis) implements Change {}

  /**
   * A user joined or left: with an empty document id the cluster (online or not), with a document
   * id that document (who is in it).
   */
  record PresenceChanged(String documentId, String userId, boolean joined, long timeMillis)
      implements Change {}
}
