package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.Review;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentReview;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raftpad comments list|add|reply|resolve|reopen|delete} and {@code raftpad suggestions
 * list|accept|reject}: review a document from the terminal (ADR 0012).
 */
final class ReviewCommands {
  private ReviewCommands() {}

  private static String threads(DocumentReview review, boolean all) {
    List<String> lines = new ArrayList<>();
    for (CommentThread thread : review.threads()) {
      if (all || !thread.resolved()) {
        lines.addAll(CommentText.thread(thread));
      }
    }
    return lines.isEmpty()
        ? all ? "no comments" : "no open comments (--all shows resolved ones)"
        : String.join("\n", lines);
  }

  private static String suggestions(List<Suggestion> suggestions) {
    return suggestions.isEmpty()
        ? "no suggestions"
        : String.join("\n", suggestions.stream().map(CommentText::suggestion).toList());
  }

  private static String changed(Review.CommentChange change) {
    return String.join("\n", CommentText.thread(change.thread()));
  }

  @Command(
      name = "comments",
      description = "Comment threads on a document: list, add, reply, resolve, reopen, delete.",
      subcommands = {
        ListComments.class,
        AddComment.class,
        Reply.class,
        Resolve.class,
        Reopen.class,
        DeleteComment.class
      })
  static final class Comments {}

  @Command(name = "list", description = "The document's comment threads, by position.")
  static final class ListComments implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Option(names = "--all", description = "resolved threads too")
    boolean all;

    @Option(
        names = "--activity",
        description = "the review history instead: comment changes and decisions, newest first")
    boolean activity;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      DocumentReview review = cli.signedIn().review().get(cli.document(document));
      if (activity) {
        cli.output()
            .print(
                review.activity(),
                entries ->
                    entries.isEmpty()
                        ? "no review history yet"
                        : String.join("\n", entries.stream().map(CommentText::activity).toList()));
      } else {
        cli.output().print(review.threads(), unused -> threads(review, all));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "add",
      description = {
        "Comment on a range of the document's text: --from/--to in code points, or --on TEXT",
        "(its first occurrence). @username in the comment mentions that user."
      })
  static final class AddComment implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Parameters(index = "1", paramLabel = "COMMENT", description = "what to say")
    String text;

    @Option(names = "--on", description = "comment on the first occurrence of this text")
    String on;

    @Option(names = "--from", description = "first code point of the range")
    Integer from;

    @Option(names = "--to", description = "end of the range (exclusive)")
    Integer to;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      DocumentSnapshot snapshot = cli.signedIn().documents().get(id);
      Selection range = range(snapshot.text());
      Review.CommentChange change =
          cli.signedIn().review().startThread(id, snapshot.revision(), range, text);
      cli.output().print(change, ReviewCommands::changed);
      return ExitCodes.OK;
    }

    private Selection range(String content) {
      if (on != null && (from != null || to != null)) {
        throw new ParameterException(spec.commandLine(), "give --on or --from/--to, not both");
      }
      if (on != null) {
        int at = content.indexOf(on);
        if (on.isEmpty() || at < 0) {
          throw new ParameterException(
              spec.commandLine(), "the document does not contain \"" + on + "\"");
        }
        int start = content.codePointCount(0, at);
        return new Selection(start, start + on.codePointCount(0, on.length()));
      }
      if (from == null || to == null) {
        throw new ParameterException(
            spec.commandLine(), "say what the comment is on: --on TEXT, or --from and --to");
      }
      if (from < 0 || to < 0) {
        throw new ParameterException(spec.commandLine(), "--from and --to are not negative");
      }
      return new Selection(from, to);
    }
  }

  @Command(name = "reply", description = "Reply in a comment thread (reopens a resolved one).")
  static final class Reply implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Parameters(index = "1", paramLabel = "THREAD", description = "the thread id (t1, t2...)")
    String thread;

    @Parameters(index = "2", paramLabel = "COMMENT", description = "what to say")
    String text;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      var change = cli.signedIn().review().reply(cli.document(document), thread, text);
      cli.output().print(change, ReviewCommands::changed);
      return ExitCodes.OK;
    }
  }

  /** resolve and reopen: the same command but for the state it sets. */
  abstract static class SetResolved implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Parameters(index = "1", paramLabel = "THREAD", description = "the thread id")
    String thread;

    abstract boolean resolved();

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      var change = cli.signedIn().review().resolve(cli.document(document), thread, resolved());
      cli.output().print(change, ReviewCommands::changed);
      return ExitCodes.OK;
    }
  }

  @Command(name = "resolve", description = "Mark a comment thread resolved.")
  static final class Resolve extends SetResolved {
    @Override
    boolean resolved() {
      return true;
    }
  }

  @Command(name = "reopen", description = "Reopen a resolved comment thread.")
  static final class Reopen extends SetResolved {
    @Override
    boolean resolved() {
      return false;
    }
  }

  @Command(
      name = "delete",
      description = "Delete a comment (yours, or any as the owner); a thread's first deletes it.")
  static final class DeleteComment implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Parameters(index = "1", paramLabel = "COMMENT_ID", description = "the comment (t1c2...)")
    String comment;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      int split = comment.lastIndexOf('c');
      if (split <= 0) {
        throw new ParameterException(
            spec.commandLine(), "'" + comment + "' is not a comment id such as t1c2");
      }
      var change =
          cli.signedIn()
              .review()
              .delete(cli.document(document), comment.substring(0, split), comment);
      cli.output().print(change, ReviewCommands::changed);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "suggestions",
      description = "Suggested changes in a document: list, accept, reject.",
      subcommands = {ListSuggestions.class, Accept.class, Reject.class})
  static final class Suggestions {}

  @Command(name = "list", description = "The suggestions in the document's text, in order.")
  static final class ListSuggestions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      DocumentReview review = cli.signedIn().review().get(cli.document(document));
      cli.output().print(review.suggestions(), ReviewCommands::suggestions);
      return ExitCodes.OK;
    }
  }

  /** accept and reject: the same command but for the decision. */
  abstract static class Decide implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Parameters(
        index = "1..*",
        paramLabel = "SUGGESTION",
        arity = "0..*",
        description = "suggestion ids (from `suggestions list`)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "every suggestion in the document")
    boolean all;

    abstract Decision decision();

    @Override
    public Integer call() {
      if (all == !ids.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "name the suggestions, or give --all (not both)");
      }
      RaftpadCli cli = RaftpadCli.of(spec);
      long revision =
          cli.signedIn()
              .review()
              .resolveSuggestions(cli.document(document), all ? List.of() : ids, decision());
      String verb = decision() == Decision.ACCEPT ? "accepted" : "rejected";
      cli.output()
          .print(
              new Resolved(verb, revision),
              r ->
                  (all ? "every suggestion " : String.join(", ", ids) + " ")
                      + verb
                      + " (revision "
                      + r.revision()
                      + ")");
      return ExitCodes.OK;
    }
  }

  /** What {@code suggestions accept|reject --json} prints. */
  record Resolved(String decision, long revision) {}

  @Command(name = "accept", description = "Accept suggestions: they become the text (editors).")
  static final class Accept extends Decide {
    @Override
    Decision decision() {
      return Decision.ACCEPT;
    }
  }

  @Command(name = "reject", description = "Reject suggestions: they disappear (editors).")
  static final class Reject extends Decide {
    @Override
    Decision decision() {
      return Decision.REJECT;
    }
  }
}
