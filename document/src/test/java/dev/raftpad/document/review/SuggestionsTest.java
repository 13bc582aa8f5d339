package dev.raftpad.document.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Suggesting mode on the operation model (ADR 0012): typing becomes suggestions, suggestions by
 * several people converge with ordinary typing, accepting and rejecting are operations that undo.
 * Every property takes a seed that {@link RandomEdits} replays.
 */
class SuggestionsTest {
  private static final Attributes BOLD = Attributes.builder().bold(true).build();

  @Test
  void typingInSuggestingModeMarksInsertsAndTurnsDeletesIntoMarks() {
    Document doc = Document.of("hello world");
    // Replace "world" with "there": one suggestion that deletes and inserts.
    Operation typing = Operation.builder().retain(6).delete(5).insert("there").build();

    Operation suggestion = Suggestions.suggest(typing, doc, "s1", id -> false);
    Document after = doc.apply(suggestion);

    assertThat(after.text()).isEqualTo("hello worldthere");
    assertThat(Suggestions.in(after))
        .containsExactly(new SuggestedChange("s1", 6, 16, "there", "world"));
    assertThat(after.runs())
        .containsExactly(
            new Run("hello ", Attributes.NONE),
            new Run("world", Attributes.builder().suggestedDelete("s1").build()),
            new Run("there", Attributes.builder().suggestedInsert("s1").build()));
  }

  @Test
  void deletingOnesOwnSuggestedTextReallyDeletesIt() {
    Document doc =
        Document.of("ab")
            .apply(
                Suggestions.suggest(
                    Operation.insert(1, "XY"), Document.of("ab"), "mine", id -> false));
    assertThat(doc.text()).isEqualTo("aXYb");

    Operation backspace = Operation.delete(1, 3); // "XYb": two of mine, one original
    Document after = doc.apply(Suggestions.suggest(backspace, doc, "mine2", "mine"::equals));

    assertThat(after.text()).isEqualTo("ab");
    assertThat(Suggestions.in(after)).containsExactly(new SuggestedChange("mine2", 1, 2, "", "b"));
  }

  @Test
  void typingOnAndDeletingOnesOwnSuggestedTextInOneSuggestion() {
    Document doc = Document.of("hello world\n");
    Set<String> own = Set.of("x");
    doc =
        doc.apply(
            Suggestions.suggest(
                Operation.builder().retain(6).delete(5).insert("there").build(),
                doc,
                "x",
                own::contains));
    doc =
        doc.apply(
            Suggestions.suggest(
                Operation.builder().retain(16).insert("!").build(), doc, "x", own::contains));
    assertThat(doc.text()).isEqualTo("hello worldthere!\n");
    doc =
        doc.apply(
            Suggestions.suggest(
                Operation.builder().retain(16).delete(1).build(), doc, "x", own::contains));

    assertThat(doc.text()).isEqualTo("hello worldthere\n");
  }

  @Test
  void someoneElsesSuggestedTextIsMarkedNotDeleted() {
    Document doc =
        Document.fromContent(
            Operation.builder()
                .insert("a")
                .insert("XY", Attributes.builder().suggestedInsert("theirs").build())
                .build());

    Document after =
        doc.apply(Suggestions.suggest(Operation.delete(1, 2), doc, "mine", "mine"::equals));

    assertThat(after.text()).isEqualTo("aXY");
    assertThat(after.runs())
        .containsExactly(
            new Run("a", Attributes.NONE),
            new Run(
                "XY",
                Attributes.builder().suggestedInsert("theirs").suggestedDelete("mine").build()));
  }

  @Test
  void acceptAndRejectInsertionsAndDeletions() {
    Document doc = Document.of("hello world");
    Document suggested =
        doc.apply(
            Suggestions.suggest(
                Operation.builder().retain(6).delete(5).insert("there").build(),
                doc,
                "s1",
                id -> false));

    Document accepted =
        suggested.apply(Suggestions.resolve(suggested, Set.of("s1"), Decision.ACCEPT));
    Document rejected =
        suggested.apply(Suggestions.resolve(suggested, Set.of("s1"), Decision.REJECT));

    assertThat(accepted).isEqualTo(Document.of("hello there"));
    assertThat(rejected).isEqualTo(Document.of("hello world"));
  }

  @Test
  void formattingChangesAreNotSuggestionsAndInsertsKeepTheirFormatting() {
    Document doc = Document.of("abc");
    Operation typing = Operation.builder().retain(1, BOLD).insert("x", BOLD).build();

    Operation suggestion = Suggestions.suggest(typing, doc, "s", id -> false);

    assertThat(suggestion)
        .isEqualTo(
            Operation.builder()
                .retain(1)
                .insert("x", Attributes.builder().bold(true).suggestedInsert("s").build())
                .build());
  }

  @Test
  void onlySuggestsAcceptsWhatSuggestingModeMakesAndNothingElse() {
    Document doc = Document.of("abc");
    assertThat(
            Suggestions.onlySuggests(
                Suggestions.suggest(Operation.delete(0, 2), doc, "s", id -> false),
                doc,
                id -> true))
        .isTrue();
    assertThat(Suggestions.onlySuggests(Operation.delete(0, 1), doc, id -> true)).isFalse();
    assertThat(Suggestions.onlySuggests(Operation.insert(0, "x"), doc, id -> true)).isFalse();
    assertThat(Suggestions.onlySuggests(Operation.format(0, 1, BOLD), doc, id -> true)).isFalse();
    // Someone else's id may not be used.
    assertThat(
            Suggestions.onlySuggests(
                Operation.insert(0, "x", Attributes.builder().suggestedInsert("s").build()),
                doc,
                id -> false))
        .isFalse();
  }

  @Property(tries = 2000)
  void suggestionsFromSeveralClientsConvergeWithOrdinaryTyping(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Operation typing = edits.operation(document.length());
    Operation suggesting =
        Suggestions.suggest(edits.operation(document.length()), document, "p", "p"::equals);
    Operation otherSuggesting =
        Suggestions.suggest(edits.operation(document.length()), document, "q", "q"::equals);

    for (Operation[] pair :
        new Operation[][] {{typing, suggesting}, {suggesting, otherSuggesting}}) {
      Operation a = pair[0];
      Operation b = pair[1];
      Document aThenB = document.apply(a).apply(a.transform(b, true));
      Document bThenA = document.apply(b).apply(b.transform(a, false));
      assertThat(aThenB).as("seed %d", seed).isEqualTo(bThenA);
    }
  }

  @Property(tries = 2000)
  void suggestingNeverDeletesTextThatIsNotTheTypistsOwnSuggestion(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Operation suggestion =
        Suggestions.suggest(edits.operation(document.length()), document, "me", "me"::equals);

    assertThat(Suggestions.onlySuggests(suggestion, document, "me"::equals))
        .as("seed %d", seed)
        .isTrue();
    Document after = document.apply(suggestion);
    // Every character that was not my own suggested insertion is still there, in order.
    assertThat(isSubsequence(textNotInsertedBy(document, "me"), after.text()))
        .as("seed %d", seed)
        .isTrue();
  }

  @Property(tries = 2000)
  void acceptAndRejectAreOperationsThatUndo(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Document suggested =
        document.apply(
            Suggestions.suggest(edits.operation(document.length()), document, "s9", id -> false));
    Set<String> ids = new HashSet<>();
    Suggestions.in(suggested).forEach(change -> ids.add(change.id()));
    Set<String> some = edits.random().nextBoolean() ? ids : Set.of("s9");

    for (Decision decision : Decision.values()) {
      Operation resolution = Suggestions.resolve(suggested, some, decision);
      Document resolved = suggested.apply(resolution);

      assertThat(Suggestions.in(resolved))
          .as("seed %d", seed)
          .noneMatch(change -> some.contains(change.id()));
      assertThat(resolved.apply(suggested.inverseOf(resolution)))
          .as("seed %d: undo of %s", seed, decision)
          .isEqualTo(suggested);
    }
  }

  @Property(tries = 1000)
  void acceptingEverythingIsTheTextWithEverySuggestionApplied(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document plain = Document.of(edits.text(30));
    Operation typing = edits.operation(plain.length());
    Document suggested = plain.apply(Suggestions.suggest(typing, plain, "s", id -> false));

    Document accepted =
        suggested.apply(Suggestions.resolve(suggested, Set.of("s"), Decision.ACCEPT));
    Document rejected =
        suggested.apply(Suggestions.resolve(suggested, Set.of("s"), Decision.REJECT));

    assertThat(accepted.text()).as("seed %d", seed).isEqualTo(plain.apply(typing).text());
    assertThat(rejected.text()).as("seed %d", seed).isEqualTo(plain.text());
  }

  private static boolean isSubsequence(String part, String whole) {
    int[] wanted = part.codePoints().toArray();
    int found = 0;
    for (int c : whole.codePoints().toArray()) {
      if (found < wanted.length && wanted[found] == c) {
        found++;
      }
    }
    return found == wanted.length;
  }

  private static String textNotInsertedBy(Document document, String id) {
    StringBuilder kept = new StringBuilder();
    for (Run run : document.runs()) {
      if (!id.equals(run.attributes().suggestedInsert())) {
        kept.append(run.text());
      }
    }
    return kept.toString();
  }
}
