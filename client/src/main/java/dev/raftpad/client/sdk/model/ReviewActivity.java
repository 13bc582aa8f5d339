package dev.raftpad.client.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a document's review history: a comment change, or suggestions accepted or rejected
 * through {@code Review.resolveSuggestions} (accepting in an editing session is an ordinary edit,
 * in the version history).
 *
 * @param threadId for comment changes
 * @param commentId for comment changes that concern one comment
 * @param quotedText for comment changes: the text the thread is on
 * @param suggestionIds for decisions
 * @param revision for decisions: the revision it became
 */
public record ReviewActivity(
    Instant time,
    User actor,
    Kind kind,
    String threadId,
    String commentId,
    String quotedText,
    List<String> suggestionIds,
    long revision) {
  public ReviewActivity {
    suggestionIds = List.copyOf(suggestionIds);
  }

  /** What happened. */
  public enum Kind {
    THREAD_STARTED,
    REPLIED,
    COMMENT_EDITED,
    COMMENT_DELETED,
    THREAD_RESOLVED,
    THREAD_REOPENED,
    SUGGESTIONS_ACCEPTED,
    SUGGESTIONS_REJECTED,
    UNKNOWN
  }
}
