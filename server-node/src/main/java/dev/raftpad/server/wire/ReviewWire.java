package dev.raftpad.server.wire;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.review.SuggestedChange;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.proto.v1.Comment;
import dev.raftpad.proto.v1.CommentAction;
import dev.raftpad.proto.v1.CommentActivity;
import dev.raftpad.proto.v1.CommentRecord;
import dev.raftpad.proto.v1.CommentThread;
import dev.raftpad.proto.v1.CommentThreadRecord;
import dev.raftpad.proto.v1.Review;
import dev.raftpad.proto.v1.ReviewAction;
import dev.raftpad.proto.v1.ReviewActivity;
import dev.raftpad.proto.v1.ReviewActivityRecord;
import dev.raftpad.proto.v1.Suggestion;
import dev.raftpad.proto.v1.SuggestionDecision;
import dev.raftpad.proto.v1.SuggestionRecord;
import dev.raftpad.proto.v1.SuggestionsDecided;
import dev.raftpad.proto.v1.User;
import dev.raftpad.server.state.CollabState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Comments and suggestions as clients see them (ADR 0012): the one mapping from the state's records
 * to the client API's messages.
 */
public final class ReviewWire {
  private ReviewWire() {}

  /** A thread, anchored where the record says (the head of the revision it is sent with). */
  public static CommentThread thread(CommentThreadRecord t, Function<String, User> users) {
    CommentThread.Builder thread =
        CommentThread.newBuilder()
            .setThreadId(t.getThreadId())
            .setStart(t.getStart())
            .setEnd(t.getEnd())
            .setDetached(t.getDetached())
            .setQuotedText(t.getQuotedText())
            .setResolved(t.getResolved())
            .setVersion(t.getVersion())
            .setDeleted(t.getDeleted());
    if (t.getResolved()) {
      thread
          .setResolvedBy(users.apply(t.getResolvedByUserId()))
          .setResolvedAt(Timestamps.ofMillis(t.getResolvedAtMillis()));
    }
    for (CommentRecord c : t.getCommentsList()) {
      Comment.Builder comment =
          Comment.newBuilder()
              .setCommentId(c.getCommentId())
              .setAuthor(users.apply(c.getAuthorUserId()))
              .setText(c.getText())
              .setCreatedAt(Timestamps.ofMillis(c.getCreatedAtMillis()))
              .setDeleted(c.getDeleted())
              .setByAssistant(c.getByAssistant());
      if (c.getEditedAtMillis() != 0) {
        comment.setEditedAt(Timestamps.ofMillis(c.getEditedAtMillis()));
      }
      c.getMentionedUserIdsList().forEach(id -> comment.addMentions(users.apply(id)));
      thread.addComments(comment);
    }
    return thread.build();
  }

  /** Who wrote a suggestion (without where it is: an operation event carries the text). */
  public static Suggestion author(SuggestionRecord s, Function<String, User> users) {
    return Suggestion.newBuilder()
        .setSuggestionId(s.getSuggestionId())
        .setAuthor(users.apply(s.getAuthorUserId()))
        .setCreatedAt(Timestamps.ofMillis(s.getCreatedAtMillis()))
        .setByAssistant(s.getByAssistant())
        .build();
  }

  /** A suggestion as the text shows it, with its author when known. */
  public static Suggestion suggestion(
      SuggestedChange change, SuggestionRecord record, Function<String, User> users) {
    Suggestion.Builder suggestion =
        record == null
            ? Suggestion.newBuilder().setSuggestionId(change.id())
            : author(record, users).toBuilder();
    return suggestion
        .setInsertedText(change.inserted())
        .setDeletedText(change.deleted())
        .setStart(change.start())
        .setEnd(change.end())
        .build();
  }

  /**
   * A live document's review at its head: the suggestions its text carries, in document order, and
   * its comment threads (not the deleted ones), by position.
   */
  public static Review review(CollabState state, String documentId) {
    DocumentLog log = state.documentLog(documentId);
    Function<String, User> users = state::publicUser;
    Review.Builder review =
        Review.newBuilder()
            .setRevision(log.headRevision())
            .setReviewVersion(state.reviewVersion(documentId));
    for (SuggestedChange change : Suggestions.in(log.head())) {
      review.addSuggestions(
          suggestion(change, state.suggestion(documentId, change.id()).orElse(null), users));
    }
    state.commentThreads(documentId).stream()
        .filter(t -> !t.getDeleted())
        .sorted(
            Comparator.comparingInt(CommentThreadRecord::getStart)
                .thenComparing(CommentThreadRecord::getThreadId))
        .forEach(t -> review.addThreads(thread(t, users)));
    review.addAllActivity(activity(state, documentId));
    return review.build();
  }

  /** A live document's review history as clients see it, newest first. */
  public static List<ReviewActivity> activity(CollabState state, String documentId) {
    List<ReviewActivity> newestFirst = new ArrayList<>();
    for (ReviewActivityRecord r : state.reviewActivity(documentId)) {
      ReviewActivity.Builder activity =
          ReviewActivity.newBuilder()
              .setTime(Timestamps.ofMillis(r.getTimeMillis()))
              .setActor(state.publicUser(r.getActorUserId()));
      switch (r.getWhatCase()) {
        case COMMENT ->
            activity.setComment(
                CommentActivity.newBuilder()
                    .setAction(action(r.getComment().getAction()))
                    .setThreadId(r.getComment().getThreadId())
                    .setCommentId(r.getComment().getCommentId())
                    .setQuotedText(r.getComment().getQuotedText()));
        case SUGGESTIONS ->
            activity.setSuggestions(
                SuggestionsDecided.newBuilder()
                    .setDecision(
                        r.getSuggestions().getAccepted()
                            ? SuggestionDecision.SUGGESTION_DECISION_ACCEPT
                            : SuggestionDecision.SUGGESTION_DECISION_REJECT)
                    .addAllSuggestionIds(r.getSuggestions().getSuggestionIdsList())
                    .setRevision(r.getSuggestions().getRevision()));
        case WHAT_NOT_SET -> {}
      }
      newestFirst.add(0, activity.build());
    }
    return newestFirst;
  }

  public static ReviewAction action(CommentAction action) {
    return switch (action) {
      case COMMENT_ACTION_START -> ReviewAction.REVIEW_ACTION_STARTED;
      case COMMENT_ACTION_REPLY -> ReviewAction.REVIEW_ACTION_REPLIED;
      case COMMENT_ACTION_EDIT -> ReviewAction.REVIEW_ACTION_EDITED;
      case COMMENT_ACTION_DELETE -> ReviewAction.REVIEW_ACTION_DELETED;
      case COMMENT_ACTION_RESOLVE -> ReviewAction.REVIEW_ACTION_RESOLVED;
      case COMMENT_ACTION_REOPEN -> ReviewAction.REVIEW_ACTION_REOPENED;
      case COMMENT_ACTION_UNSPECIFIED, UNRECOGNIZED -> ReviewAction.REVIEW_ACTION_UNSPECIFIED;
    };
  }
}
