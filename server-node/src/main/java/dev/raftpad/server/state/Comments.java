package dev.raftpad.server.state;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Revision;
import dev.raftpad.document.review.CommentAnchor;
import dev.raftpad.proto.v1.CommentAction;
import dev.raftpad.proto.v1.CommentActivityRecord;
import dev.raftpad.proto.v1.CommentCommand;
import dev.raftpad.proto.v1.CommentRecord;
import dev.raftpad.proto.v1.CommentThreadRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.ReviewActivityRecord;
import dev.raftpad.proto.v1.ReviewClientRecord;
import dev.raftpad.proto.v1.UserRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comment threads on documents (ADR 0012), one part of the replicated state: starting a thread on a
 * range of text, replies, edits, deletions, resolving and reopening — judged at apply time, exactly
 * once per (client id, client seq). Viewers read comments; commenters, editors and the owner write
 * them; only its author edits a comment; its author or the document's owner deletes it.
 */
final class Comments {
  /** The longest comment, in code points. */
  static final int MAX_TEXT_CODE_POINTS = 10_000;

  /** How much of the anchored text a thread keeps to show once detached. */
  static final int MAX_QUOTE_CODE_POINTS = 500;

  /** The most people one comment mentions. */
  static final int MAX_MENTIONS = 20;

  /** The most threads one document holds (deleted ones included: they stay as tombstones). */
  static final int MAX_THREADS = 5_000;

  /** The most comments one thread holds. */
  static final int MAX_COMMENTS_PER_THREAD = 500;

  /** "@username" in a comment's text (usernames as accounts allow them). */
  private static final Pattern MENTION = Pattern.compile("(?<![\\w.@-])@([A-Za-z0-9_.-]{3,32})");

  private final Documents documents;
  private final Function<String, UserRecord> userByName;
  private final Consumer<Change> changes;

  /**
   * @param userByName the account of a username, or {@code null}
   */
  Comments(Documents documents, Function<String, UserRecord> userByName, Consumer<Change> changes) {
    this.documents = documents;
    this.userByName = userByName;
    this.changes = changes;
  }

  CommandResult<CommentResult> apply(CommentCommand c, long now) {
    String documentId = c.getDocumentId();
    if (!documents.isLive(documentId)) {
      return Refusals.notFound(documentId);
    }
    var notAllowed =
        documents.<CommentResult>refuseUnlessRole(documentId, c.getUserId(), Role.COMMENTER);
    if (notAllowed.isPresent()) {
      return notAllowed.get();
    }
    if (c.getClientId().isEmpty() || c.getClientSeq() == 0) {
      return invalid("client_id", "a comment change needs client_id and client_seq >= 1");
    }
    DocumentReview review = documents.review(documentId);
    DocumentLog log = documents.logIncludingDeleted(documentId);
    Optional<ReviewClientRecord> mark = review.client(c.getClientId());
    if (mark.isPresent() && c.getClientSeq() <= mark.get().getClientSeq()) {
      if (c.getClientSeq() < mark.get().getClientSeq()) {
        return invalid(
            "client_seq",
            "client_seq "
                + c.getClientSeq()
                + " is older than the last applied "
                + mark.get().getClientSeq());
      }
      CommentThreadRecord thread = review.thread(mark.get().getThreadId()).orElseThrow();
      return new CommandResult.Applied<>(
          new CommentResult(thread, mark.get().getCommentId(), log.headRevision(), true));
    }
    CommandResult<Outcome> outcome =
        switch (c.getAction()) {
          case COMMENT_ACTION_START -> start(c, review, log, now);
          case COMMENT_ACTION_REPLY -> reply(c, review, now);
          case COMMENT_ACTION_EDIT -> edit(c, review, now);
          case COMMENT_ACTION_DELETE -> delete(c, review);
          case COMMENT_ACTION_RESOLVE, COMMENT_ACTION_REOPEN -> resolve(c, review, now);
          case COMMENT_ACTION_UNSPECIFIED, UNRECOGNIZED ->
              invalid("action", "a comment change must say what it does");
        };
    Outcome done;
    switch (outcome) {
      case CommandResult.Applied<Outcome> applied -> done = applied.value();
      case CommandResult.Refused<Outcome> refused -> {
        return refused.as();
      }
    }
    CommentThreadRecord stored =
        done.changed()
            ? review.put(done.thread(), done.anchor())
            : review.thread(done.thread().getThreadId()).orElseThrow();
    review.clientDid(
        ReviewClientRecord.newBuilder()
            .setClientId(c.getClientId())
            .setClientSeq(c.getClientSeq())
            .setThreadId(stored.getThreadId())
            .setCommentId(done.commentId())
            .setUsedAtMillis(now)
            .build());
    if (done.changed()) {
      review.record(
          ReviewActivityRecord.newBuilder()
              .setTimeMillis(now)
              .setActorUserId(c.getUserId())
              .setComment(
                  CommentActivityRecord.newBuilder()
                      .setAction(c.getAction())
                      .setThreadId(stored.getThreadId())
                      .setCommentId(done.commentId())
                      .setQuotedText(done.thread().getQuotedText()))
              .build());
      changes.accept(
          new Change.ThreadChanged(
              documentId,
              stored,
              c.getAction(),
              c.getUserId(),
              done.commentId(),
              done.mentioned(),
              log.headRevision(),
              now));
    }
    return new CommandResult.Applied<>(
        new CommentResult(stored, done.commentId(), log.headRevision(), false));
  }

  /**
   * A thread as an action leaves it (not yet stored), its anchor, whether anything changed, and who
   * is newly mentioned.
   */
  private record Outcome(
      CommentThreadRecord thread,
      CommentAnchor anchor,
      String commentId,
      boolean changed,
      List<String> mentioned) {}

  private CommandResult<Outcome> start(
      CommentCommand c, DocumentReview review, DocumentLog log, long now) {
    var text = validText(c.getText());
    if (text.isPresent()) {
      return text.get();
    }
    long base = c.getBaseRevision();
    if (base > log.headRevision()) {
      return new CommandResult.Refused<>(
          ErrorReason.ERROR_REASON_REVISION_IN_FUTURE,
          "base revision " + base + " is after the head " + log.headRevision(),
          Map.of("head_revision", String.valueOf(log.headRevision())));
    }
    OptionalInt length = log.lengthAtRevision(base);
    Optional<List<Revision>> since = log.revisionsAfter(base);
    if (length.isEmpty() || since.isEmpty()) {
      return new CommandResult.Refused<>(
          ErrorReason.ERROR_REASON_REVISION_COMPACTED,
          "base revision " + base + " is older than the retained history; reload",
          Map.of("oldest_retained", String.valueOf(log.oldestRetainedRevision())));
    }
    if (c.getStart() >= c.getEnd() || c.getEnd() > length.getAsInt()) {
      return invalid(
          "range",
          "a comment needs a range of at least one character inside the document ("
              + length.getAsInt()
              + " code points at revision "
              + base
              + "), not "
              + c.getStart()
              + ".."
              + c.getEnd());
    }
    CommentAnchor anchor = CommentAnchor.of(c.getStart(), c.getEnd());
    for (Revision revision : since.get()) {
      anchor = anchor.transform(revision.operation());
    }
    if (anchor.detached()) {
      return invalid("range", "the text the comment is on was deleted meanwhile");
    }
    if (review.threadCount() >= MAX_THREADS) {
      return tooMany("threads in a document", MAX_THREADS);
    }
    String quoted =
        log.head().text(anchor.start(), Math.min(anchor.length(), MAX_QUOTE_CODE_POINTS));
    String threadId = review.nextThreadId();
    String commentId = threadId + "c1";
    List<String> mentioned = mentions(c);
    CommentThreadRecord thread =
        CommentThreadRecord.newBuilder()
            .setThreadId(threadId)
            .setQuotedText(quoted)
            .setCommentsAdded(1)
            .addComments(comment(commentId, c, mentioned, now))
            .build();
    return new CommandResult.Applied<>(new Outcome(thread, anchor, commentId, true, mentioned));
  }

  private CommandResult<Outcome> reply(CommentCommand c, DocumentReview review, long now) {
    var text = validText(c.getText());
    if (text.isPresent()) {
      return text.get();
    }
    var found = liveThread(c, review);
    if (found instanceof CommandResult.Refused<CommentThreadRecord> refused) {
      return refused.as();
    }
    CommentThreadRecord thread = ((CommandResult.Applied<CommentThreadRecord>) found).value();
    if (thread.getCommentsCount() >= MAX_COMMENTS_PER_THREAD) {
      return tooMany("comments in a thread", MAX_COMMENTS_PER_THREAD);
    }
    int number = thread.getCommentsAdded() + 1;
    String commentId = thread.getThreadId() + "c" + number;
    List<String> mentioned = mentions(c);
    // Replying to a resolved thread reopens it, as in every editor with comments.
    CommentThreadRecord replied =
        thread.toBuilder()
            .setCommentsAdded(number)
            .addComments(comment(commentId, c, mentioned, now))
            .setResolved(false)
            .clearResolvedByUserId()
            .clearResolvedAtMillis()
            .build();
    return new CommandResult.Applied<>(
        new Outcome(replied, review.anchor(thread.getThreadId()), commentId, true, mentioned));
  }

  private CommandResult<Outcome> edit(CommentCommand c, DocumentReview review, long now) {
    var text = validText(c.getText());
    if (text.isPresent()) {
      return text.get();
    }
    var found = liveThread(c, review);
    if (found instanceof CommandResult.Refused<CommentThreadRecord> refused) {
      return refused.as();
    }
    CommentThreadRecord thread = ((CommandResult.Applied<CommentThreadRecord>) found).value();
    int index = commentIndex(thread, c.getCommentId());
    if (index < 0 || thread.getComments(index).getDeleted()) {
      return commentNotFound(c);
    }
    CommentRecord comment = thread.getComments(index);
    if (!comment.getAuthorUserId().equals(c.getUserId())) {
      return notAuthor("only its author edits a comment");
    }
    List<String> mentioned = mentions(c);
    List<String> newly = new ArrayList<>(mentioned);
    newly.removeAll(comment.getMentionedUserIdsList());
    CommentRecord edited =
        comment.toBuilder()
            .setText(c.getText())
            .setEditedAtMillis(now)
            .clearMentionedUserIds()
            .addAllMentionedUserIds(mentioned)
            .build();
    return new CommandResult.Applied<>(
        new Outcome(
            thread.toBuilder().setComments(index, edited).build(),
            review.anchor(thread.getThreadId()),
            comment.getCommentId(),
            true,
            newly));
  }

  private CommandResult<Outcome> delete(CommentCommand c, DocumentReview review) {
    Optional<CommentThreadRecord> existing = review.thread(c.getThreadId());
    if (existing.isEmpty()) {
      return commentNotFound(c);
    }
    CommentThreadRecord thread = existing.get();
    int index = commentIndex(thread, c.getCommentId());
    if (index < 0) {
      return commentNotFound(c);
    }
    CommentRecord comment = thread.getComments(index);
    boolean wholeThread = index == 0;
    boolean gone = wholeThread ? thread.getDeleted() : comment.getDeleted();
    CommentAnchor anchor = review.anchor(thread.getThreadId());
    if (gone) {
      return new CommandResult.Applied<>(
          new Outcome(thread, anchor, comment.getCommentId(), false, List.of()));
    }
    boolean owner = documents.access(c.getDocumentId()).roleOf(c.getUserId()).atLeast(Role.OWNER);
    if (!owner && !comment.getAuthorUserId().equals(c.getUserId())) {
      return notAuthor("only its author or the document's owner deletes a comment");
    }
    CommentThreadRecord.Builder changed = thread.toBuilder();
    if (wholeThread) {
      // A tombstone without any text, so a resuming subscriber learns the thread is gone.
      changed.setDeleted(true).setQuotedText("");
      for (int i = 0; i < changed.getCommentsCount(); i++) {
        changed.setComments(i, tombstone(changed.getComments(i)));
      }
    } else {
      changed.setComments(index, tombstone(comment));
    }
    return new CommandResult.Applied<>(
        new Outcome(changed.build(), anchor, comment.getCommentId(), true, List.of()));
  }

  private CommandResult<Outcome> resolve(CommentCommand c, DocumentReview review, long now) {
    var found = liveThread(c, review);
    if (found instanceof CommandResult.Refused<CommentThreadRecord> refused) {
      return refused.as();
    }
    CommentThreadRecord thread = ((CommandResult.Applied<CommentThreadRecord>) found).value();
    boolean resolve = c.getAction() == CommentAction.COMMENT_ACTION_RESOLVE;
    CommentAnchor anchor = review.anchor(thread.getThreadId());
    if (thread.getResolved() == resolve) {
      return new CommandResult.Applied<>(new Outcome(thread, anchor, "", false, List.of()));
    }
    CommentThreadRecord.Builder changed = thread.toBuilder().setResolved(resolve);
    if (resolve) {
      changed.setResolvedByUserId(c.getUserId()).setResolvedAtMillis(now);
    } else {
      changed.clearResolvedByUserId().clearResolvedAtMillis();
    }
    return new CommandResult.Applied<>(new Outcome(changed.build(), anchor, "", true, List.of()));
  }

  private static CommandResult<CommentThreadRecord> liveThread(
      CommentCommand c, DocumentReview review) {
    Optional<CommentThreadRecord> thread = review.thread(c.getThreadId());
    if (thread.isEmpty() || thread.get().getDeleted()) {
      return new CommandResult.Refused<>(
          ErrorReason.ERROR_REASON_COMMENT_NOT_FOUND,
          "no comment thread " + c.getThreadId() + " in this document",
          Map.of("thread_id", c.getThreadId()));
    }
    return new CommandResult.Applied<>(thread.get());
  }

  private static int commentIndex(CommentThreadRecord thread, String commentId) {
    for (int i = 0; i < thread.getCommentsCount(); i++) {
      if (thread.getComments(i).getCommentId().equals(commentId)) {
        return i;
      }
    }
    return -1;
  }

  private static CommentRecord comment(
      String commentId, CommentCommand c, List<String> mentioned, long now) {
    return CommentRecord.newBuilder()
        .setCommentId(commentId)
        .setAuthorUserId(c.getUserId())
        .setText(c.getText())
        .setCreatedAtMillis(now)
        .addAllMentionedUserIds(mentioned)
        .setByAssistant(c.getByAssistant())
        .build();
  }

  private static CommentRecord tombstone(CommentRecord comment) {
    return comment.toBuilder().setDeleted(true).setText("").clearMentionedUserIds().build();
  }

  /**
   * The users the text @mentions that have accounts (a name followed by sentence punctuation
   * counts), once each, never the author, at most {@link #MAX_MENTIONS}. Resolved at apply time, so
   * every replica finds the same.
   */
  private List<String> mentions(CommentCommand c) {
    Set<String> mentioned = new LinkedHashSet<>();
    Matcher names = MENTION.matcher(c.getText());
    while (names.find() && mentioned.size() < MAX_MENTIONS) {
      String name = names.group(1).toLowerCase(java.util.Locale.ROOT);
      UserRecord user = userByName.apply(name);
      if (user == null && name.endsWith(".")) {
        user = userByName.apply(name.replaceAll("\\.+$", ""));
      }
      if (user != null && !user.getUserId().equals(c.getUserId())) {
        mentioned.add(user.getUserId());
      }
    }
    return List.copyOf(mentioned);
  }

  private static Optional<CommandResult<Outcome>> validText(String text) {
    int length = text.codePointCount(0, text.length());
    if (text.isBlank()) {
      return Optional.of(invalid("text", "a comment needs some text"));
    }
    if (length > MAX_TEXT_CODE_POINTS) {
      return Optional.of(
          new CommandResult.Refused<>(
              ErrorReason.ERROR_REASON_TOO_LARGE,
              "a comment holds at most " + MAX_TEXT_CODE_POINTS + " code points",
              Map.of(
                  "field",
                  "text",
                  "limit",
                  String.valueOf(MAX_TEXT_CODE_POINTS),
                  "actual",
                  String.valueOf(length))));
    }
    return Optional.empty();
  }

  private static <T> CommandResult<T> tooMany(String what, int limit) {
    return new CommandResult.Refused<>(
        ErrorReason.ERROR_REASON_TOO_LARGE,
        "at most " + limit + " " + what,
        Map.of("limit", String.valueOf(limit), "actual", String.valueOf(limit + 1)));
  }

  private static <T> CommandResult<T> commentNotFound(CommentCommand c) {
    return new CommandResult.Refused<>(
        ErrorReason.ERROR_REASON_COMMENT_NOT_FOUND,
        "no comment " + c.getCommentId() + " in thread " + c.getThreadId(),
        Map.of("thread_id", c.getThreadId(), "comment_id", c.getCommentId()));
  }

  private static <T> CommandResult<T> notAuthor(String message) {
    return CommandResult.Refused.of(ErrorReason.ERROR_REASON_NOT_COMMENT_AUTHOR, message);
  }

  private static <T> CommandResult<T> invalid(String field, String message) {
    return new CommandResult.Refused<>(
        ErrorReason.ERROR_REASON_INVALID_FIELD, message, Map.of("field", field));
  }
}
