package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.Comment;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.ReviewActivity;
import dev.raftpad.client.sdk.model.Suggestion;
import java.util.ArrayList;
import java.util.List;

/** Comments and suggestions as lines a person reads: the one place the CLI words them. */
final class CommentText {
  private static final int QUOTE_LENGTH = 60;

  private CommentText() {}

  /** A thread: where it is, what it quotes, its state, then one line per comment. */
  static List<String> thread(CommentThread thread) {
    List<String> lines = new ArrayList<>();
    String where =
        thread.anchor().detached()
            ? "detached (its text was deleted)"
            : thread.anchor().start() + "-" + thread.anchor().end();
    lines.add(
        thread.id()
            + "  "
            + where
            + "  on "
            + quote(thread.quotedText())
            + (thread.resolved()
                ? "  [resolved"
                    + thread.resolvedBy().map(u -> " by " + u.username()).orElse("")
                    + "]"
                : ""));
    for (Comment comment : thread.comments()) {
      lines.add("  " + comment(comment));
    }
    return lines;
  }

  static String comment(Comment comment) {
    String who =
        comment.byAssistant()
            ? "assistant (for " + comment.author().username() + ")"
            : comment.author().username();
    if (comment.deleted()) {
      return comment.id() + "  " + who + ": (deleted)";
    }
    return comment.id()
        + "  "
        + who
        + " "
        + LocalTimes.format(comment.createdAt())
        + (comment.editedAt().isPresent() ? " (edited)" : "")
        + ": "
        + comment.text();
  }

  static String suggestion(Suggestion s) {
    String who =
        s.byAssistant()
            ? "assistant" + s.author().map(u -> " (for " + u.username() + ")").orElse("")
            : s.author().map(u -> u.username()).orElse("someone");
    String what;
    if (!s.inserted().isEmpty() && !s.deleted().isEmpty()) {
      what = "replace " + quote(s.deleted()) + " with " + quote(s.inserted());
    } else if (!s.inserted().isEmpty()) {
      what = "insert " + quote(s.inserted());
    } else {
      what = "delete " + quote(s.deleted());
    }
    return s.id() + "  " + s.start() + "-" + s.end() + "  " + who + ": " + what;
  }

  static String change(RaftpadEvent.CommentChanged e) {
    String who = e.actor().map(u -> u.username()).orElse("someone");
    String thread = "thread " + e.thread().id();
    return switch (e.action()) {
      case STARTED ->
          who
              + " commented on "
              + quote(e.thread().quotedText())
              + ": "
              + quote(e.thread().comments().isEmpty() ? "" : e.thread().comments().get(0).text());
      case REPLIED -> who + " replied in " + thread;
      case EDITED -> who + " edited a comment in " + thread;
      case DELETED -> who + " deleted a comment in " + thread;
      case RESOLVED -> who + " resolved " + thread;
      case REOPENED -> who + " reopened " + thread;
      case SYNC, UNKNOWN -> thread + " changed";
    };
  }

  /** One entry of the review history, as a sentence. */
  static String activity(ReviewActivity a) {
    String who = a.actor().username();
    String on = " on " + quote(a.quotedText());
    String what =
        switch (a.kind()) {
          case THREAD_STARTED -> "commented" + on + " (" + a.threadId() + ")";
          case REPLIED -> "replied in " + a.threadId();
          case COMMENT_EDITED -> "edited " + a.commentId();
          case COMMENT_DELETED -> "deleted " + a.commentId();
          case THREAD_RESOLVED -> "resolved " + a.threadId() + on;
          case THREAD_REOPENED -> "reopened " + a.threadId() + on;
          case SUGGESTIONS_ACCEPTED ->
              "accepted "
                  + String.join(", ", a.suggestionIds())
                  + " (revision "
                  + a.revision()
                  + ")";
          case SUGGESTIONS_REJECTED ->
              "rejected "
                  + String.join(", ", a.suggestionIds())
                  + " (revision "
                  + a.revision()
                  + ")";
          case UNKNOWN -> "changed the review";
        };
    return LocalTimes.format(a.time()) + "  " + who + " " + what;
  }

  /** Text in quotes, shortened, on one line. */
  static String quote(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    if (line.codePointCount(0, line.length()) > QUOTE_LENGTH) {
      line = line.substring(0, line.offsetByCodePoints(0, QUOTE_LENGTH)) + "…";
    }
    return "\"" + line + "\"";
  }
}
