package dev.raftpad.client.sdk.model;

import dev.raftpad.document.review.CommentAnchor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A comment thread on a range of a document (ADR 0012).
 *
 * @param anchor where it is, in the positions of the revision it came with (a session keeps it
 *     current); detached once all of its text was deleted
 * @param quotedText the text it was started on
 * @param comments oldest first; the first one started the thread
 * @param version the document's review version of its last change
 * @param deleted only in events: the thread is gone
 */
public record CommentThread(
    String id,
    CommentAnchor anchor,
    String quotedText,
    boolean resolved,
    Optional<User> resolvedBy,
    Optional<Instant> resolvedAt,
    List<Comment> comments,
    long version,
    boolean deleted) {
  public CommentThread {
    comments = List.copyOf(comments);
  }

  /** The same thread at another anchor (a session moves anchors with the text). */
  public CommentThread at(CommentAnchor moved) {
    return new CommentThread(
        id, moved, quotedText, resolved, resolvedBy, resolvedAt, comments, version, deleted);
  }
}
