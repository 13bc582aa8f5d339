package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.model.Comment;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.document.review.CommentAnchor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The margin's rules without a scene graph: wording, order, who may do what, the caret. */
class ReviewRulesTest {
  static final User ADA = new User("u1", "ada", "Ada", false, "#d73a49");
  static final User BOB = new User("u2", "bob", "Bob", false, "#0366d6");
  static final Instant T = Instant.parse("2026-12-06T14:05:00Z");

  static Suggestion suggestion(String id, String inserted, String deleted, int start, int end) {
    return new Suggestion(
        id, Optional.of(BOB), Optional.of(T), false, inserted, deleted, start, end);
  }

  static Comment comment(User author, String text, boolean deleted, List<User> mentions) {
    return new Comment("c-" + text, author, text, T, Optional.empty(), mentions, deleted, false);
  }

  static CommentThread thread(String id, CommentAnchor anchor, boolean resolved) {
    return new CommentThread(
        id,
        anchor,
        "quoted",
        resolved,
        Optional.empty(),
        Optional.empty(),
        List.of(comment(ADA, "hi", false, List.of())),
        1,
        false);
  }

  @Test
  void aSuggestionIsWordedAsGoogleDocsWordsIt() {
    assertThat(SuggestionText.sentence(suggestion("s", "dog", "cat", 4, 10)))
        .isEqualTo("Replace “cat” with “dog”");
    assertThat(SuggestionText.sentence(suggestion("s", "very ", "", 4, 9)))
        .isEqualTo("Add “very ”");
    assertThat(SuggestionText.sentence(suggestion("s", "", "old\n", 4, 8)))
        .isEqualTo("Delete “old↵”");
    assertThat(SuggestionText.quote("x".repeat(100))).hasSize(SuggestionText.QUOTE_LIMIT + 2);
    assertThat(SuggestionText.author(suggestion("s", "a", "", 0, 1))).isEqualTo("Bob");
    Suggestion byAi = new Suggestion("s", Optional.of(ADA), Optional.of(T), true, "a", "", 0, 1);
    assertThat(SuggestionText.author(byAi)).isEqualTo("Assistant (asked by Ada)");
    Suggestion unknown =
        new Suggestion("s", Optional.empty(), Optional.empty(), false, "a", "", 0, 1);
    assertThat(SuggestionText.author(unknown)).isEqualTo("Someone");
  }

  @Test
  void cardsAreOrderedByTheirAnchorAndDetachedAndResolvedThreadsListedApart() {
    var arranged =
        ReviewItem.Arranged.of(
            List.of(
                thread("t-late", CommentAnchor.of(20, 25), false),
                thread("t-gone", CommentAnchor.DETACHED, false),
                thread("t-done", CommentAnchor.of(0, 3), true),
                thread("t-early", CommentAnchor.of(2, 9), false)),
            List.of(suggestion("s-mid", "x", "", 10, 11), suggestion("s-early", "y", "", 2, 3)));
    assertThat(arranged.anchored())
        .extracting(ReviewItem::id)
        .containsExactly("s-early", "t-early", "s-mid", "t-late");
    assertThat(arranged.detached()).extracting(ReviewItem::id).containsExactly("t-gone");
    assertThat(arranged.resolved()).extracting(ReviewItem::id).containsExactly("t-done");
  }

  @Test
  void editorsAcceptSuggestionsAndAuthorsOrOwnersDeleteComments() {
    assertThat(ReviewViewModel.mayResolveSuggestions(DocumentRole.EDITOR)).isTrue();
    assertThat(ReviewViewModel.mayResolveSuggestions(DocumentRole.OWNER)).isTrue();
    assertThat(ReviewViewModel.mayResolveSuggestions(DocumentRole.COMMENTER)).isFalse();
    assertThat(ReviewViewModel.mayResolveSuggestions(DocumentRole.VIEWER)).isFalse();
    assertThat(ReviewViewModel.mayComment(DocumentRole.COMMENTER)).isTrue();
    assertThat(ReviewViewModel.mayComment(DocumentRole.VIEWER)).isFalse();

    Comment adas = comment(ADA, "mine", false, List.of());
    assertThat(ReviewViewModel.mayDelete(adas, ADA, DocumentRole.COMMENTER)).isTrue();
    assertThat(ReviewViewModel.mayDelete(adas, BOB, DocumentRole.EDITOR)).isFalse();
    assertThat(ReviewViewModel.mayDelete(adas, BOB, DocumentRole.OWNER)).isTrue();
    assertThat(ReviewViewModel.mayEdit(adas, ADA)).isTrue();
    assertThat(ReviewViewModel.mayEdit(adas, BOB))
        .as("not even the owner edits another's")
        .isFalse();
    assertThat(
            ReviewViewModel.mayDelete(comment(ADA, "x", true, List.of()), ADA, DocumentRole.OWNER))
        .as("already deleted")
        .isFalse();
  }

  @Test
  void commentsShowMentionsDeletionsAndEdits() {
    Comment c = comment(ADA, "Ask @bob and @nobody", false, List.of(BOB));
    assertThat(CommentText.pieces(c))
        .containsExactly(
            new CommentText.Piece("Ask ", false),
            new CommentText.Piece("@bob", true),
            new CommentText.Piece(" and @nobody", false));
    assertThat(CommentText.pieces(comment(ADA, "", true, List.of())))
        .containsExactly(new CommentText.Piece("Comment deleted", false));
    Comment edited =
        new Comment("c", ADA, "x", T, Optional.of(T.plusSeconds(60)), List.of(), false, false);
    assertThat(CommentText.when(edited, ZoneOffset.UTC, T.plusSeconds(3600)))
        .isEqualTo("14:05 · edited");
    assertThat(CommentText.when(edited, ZoneOffset.UTC, T.plusSeconds(86_400 * 3)))
        .isEqualTo("6 Dec 14:05 · edited");
    assertThat(CommentText.pieces(comment(ADA, "abcdef @bob", false, List.of(BOB)), 4))
        .as("an inactive card shortens long comments")
        .containsExactly(new CommentText.Piece("abcd…", false));
    Comment byAi = new Comment("c", ADA, "Summary", T, Optional.empty(), List.of(), false, true);
    assertThat(CommentText.author(byAi)).isEqualTo("Assistant");
  }

  @Test
  void inSuggestingModeBackspaceMovesLeftAndDeleteOrTypingMovesRight() {
    // "The cat": Backspace after "t" (position 6, one kept) leaves the caret before the struck "t".
    assertThat(TypingCaret.after(6, 1, 0, true)).isEqualTo(6);
    // Delete at 4 over "c": the caret goes past the struck "c".
    assertThat(TypingCaret.after(4, 1, 0, false)).isEqualTo(5);
    // "cat" selected and "d" typed: after the struck "cat" and the "d".
    assertThat(TypingCaret.after(4, 3, 1, false)).isEqualTo(8);
  }

  @Test
  void commentersSuggestWithTheAiButOnlyEditorsPreviewAndApply() {
    assertThat(AiViewModel.Task.SUGGEST_GRAMMAR.allowedFor(DocumentRole.COMMENTER)).isTrue();
    assertThat(AiViewModel.Task.SUMMARIZE_AS_COMMENT.allowedFor(DocumentRole.COMMENTER)).isTrue();
    assertThat(AiViewModel.Task.FIX_GRAMMAR.allowedFor(DocumentRole.COMMENTER)).isFalse();
    assertThat(AiViewModel.Task.SUGGEST_IMPROVEMENT.allowedFor(DocumentRole.VIEWER)).isFalse();
    assertThat(AiViewModel.Task.SUMMARIZE.allowedFor(DocumentRole.VIEWER)).isTrue();
    assertThat(Roles.banner(DocumentRole.COMMENTER, "Ada")).as("commenters may suggest").isEmpty();
    assertThat(Roles.banner(DocumentRole.VIEWER, "Ada")).startsWith("View only");
    assertThat(Roles.suggestingOnly(DocumentRole.COMMENTER, "Ada")).contains("Ask Ada");
  }

  @Test
  void aiResultsAndFailuresAreSentences() {
    var done =
        new dev.raftpad.client.sdk.model.AiEvent.Completed(
            "x",
            3,
            Optional.empty(),
            Optional.of(new dev.raftpad.client.sdk.model.AiEvent.SubmittedSuggestion("s1", 4)),
            Optional.empty());
    assertThat(AiViewModel.delivered(AiViewModel.Task.SUGGEST_GRAMMAR, done))
        .isEqualTo("The assistant's suggestion is in the margin for an editor to accept.");
    var nothing = new dev.raftpad.client.sdk.model.AiEvent.Completed("x", 3, Optional.empty());
    assertThat(AiViewModel.delivered(AiViewModel.Task.SUGGEST_IMPROVEMENT, nothing))
        .isEqualTo("Nothing to change.");
    var tooLong =
        new dev.raftpad.client.sdk.RaftpadException(
            dev.raftpad.client.sdk.RaftpadException.Reason.TOO_LARGE,
            "document_text too large",
            java.util.Map.of(
                "field", "document_text", "limit", "3000", "actual", "5120", "unit", "tokens"),
            null);
    var gone =
        new dev.raftpad.client.sdk.RaftpadException(
            dev.raftpad.client.sdk.RaftpadException.Reason.COMMENT_NOT_FOUND,
            "comment not found",
            java.util.Map.of("thread_id", "t1"),
            null);
    assertThat(Problems.describe(gone))
        .isEqualTo("That comment is gone: someone deleted it meanwhile.");
    assertThat(Problems.describe(tooLong))
        .isEqualTo(
            "The document text is too long for the AI: 5120 tokens, at most 3000."
                + " Select a part of it and ask about that.");
  }
}
