package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.TextSearch.Match;
import dev.raftpad.desktop.viewmodel.TextSearch.Options;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Find's matching (code points, case, whole words) and Replace all as one operation. */
class FindViewModelTest {
  private static final Options ANY = Options.DEFAULT;

  @Test
  void matchesIgnoreCaseUnlessAsked() {
    assertThat(TextSearch.find("Cat cat CAT", "cat", ANY))
        .containsExactly(new Match(0, 3), new Match(4, 7), new Match(8, 11));
    assertThat(TextSearch.find("Cat cat CAT", "cat", new Options(true, false)))
        .containsExactly(new Match(4, 7));
  }

  @Test
  void wholeWordsSkipMatchesInsideWords() {
    assertThat(TextSearch.find("cat concat cats cat_ cat.", "cat", new Options(false, true)))
        .containsExactly(new Match(0, 3), new Match(21, 24));
  }

  @Test
  void positionsAreCodePointsNotUtf16Units() {
    // Each emoji is two UTF-16 units but one code point (the protocol's positions).
    assertThat(TextSearch.find("😀a😀a", "a", ANY))
        .containsExactly(new Match(1, 2), new Match(3, 4));
    assertThat(TextSearch.find("x😀😀", "😀", ANY))
        .containsExactly(new Match(1, 2), new Match(2, 3));
  }

  @Test
  void matchesDoNotOverlapAndAnEmptyQueryFindsNothing() {
    assertThat(TextSearch.find("aaaa", "aa", ANY))
        .containsExactly(new Match(0, 2), new Match(2, 4));
    assertThat(TextSearch.find("abc", "", ANY)).isEmpty();
  }

  @Test
  void theFirstMatchAtOrAfterTheCaretWrapsToTheFirst() {
    List<Match> m = List.of(new Match(0, 1), new Match(5, 6), new Match(9, 10));
    assertThat(TextSearch.firstAtOrAfter(m, 3)).isEqualTo(1);
    assertThat(TextSearch.firstAtOrAfter(m, 10)).isZero();
    assertThat(TextSearch.firstAtOrAfter(List.of(), 0)).isEqualTo(-1);
  }

  @Test
  void replaceAllIsOneOperationKeepingTheFormattingOfWhatItReplaces() {
    Attributes bold = Attributes.builder().bold(true).build();
    Document doc =
        Document.fromContent(
            Operation.builder().insert("a cat, ").insert("cat", bold).insert(" end\n").build());
    List<Match> matches = TextSearch.find(doc.text(), "cat", ANY);

    Operation op = FindViewModel.replacing(doc, matches, "dog");
    Document after = doc.apply(op);

    assertThat(after.text()).isEqualTo("a dog, dog end\n");
    assertThat(after.runs()).contains(new Run("dog", bold));
  }

  @Test
  void replacingWithNothingDeletes() {
    Document doc = Document.of("one two one\n");
    Operation op = FindViewModel.replacing(doc, TextSearch.find(doc.text(), "one", ANY), "");
    assertThat(doc.apply(op).text()).isEqualTo(" two \n");
  }
}
