package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import org.junit.jupiter.api.Test;

/** The editing rules as operations, in code points. */
class FormattingTest {
  private static final Attributes BOLD = Attributes.builder().bold(true).build();

  @Test
  void typedTextTakesTheFormattingOfTheCharacterBefore() {
    Document doc =
        Document.fromContent(Operation.insert(0, "ab", BOLD)).apply(Operation.insert(2, "\n"));

    Document after = doc.apply(Formatting.typing(doc, 2, 0, "c", Formatting.inlineAt(doc, 2)));

    assertThat(after.text()).isEqualTo("abc\n");
    assertThat(after.runs().getFirst()).isEqualTo(new Run("abc", BOLD));
  }

  @Test
  void boldTogglesOnThenOffOverASelection() {
    Document doc = Document.of("hello world\n");
    Selection hello = new Selection(0, 5);

    Document bold = doc.apply(Formatting.toggle(doc, hello, InlineStyle.BOLD));
    Document plain = bold.apply(Formatting.toggle(bold, hello, InlineStyle.BOLD));

    assertThat(bold.runs().getFirst()).isEqualTo(new Run("hello", BOLD));
    assertThat(plain).isEqualTo(doc);
  }

  @Test
  void positionsAreCodePointsSoEmojiCountOnce() {
    Document doc = Document.of("😀x\n");
    Document after = doc.apply(Formatting.toggle(doc, new Selection(1, 2), InlineStyle.ITALIC));
    assertThat(after.runs().get(1))
        .isEqualTo(new Run("x", Attributes.builder().italic(true).build()));
  }

  @Test
  void aHeadingGoesOnTheLineEndOfEveryTouchedLine() {
    Document doc = Document.of("one\ntwo\nthree\n");

    Document after = doc.apply(Formatting.block(doc, new Selection(1, 5), BlockStyle.H1));

    var h1 = Attributes.builder().heading(Heading.H1).build();
    assertThat(after.runs())
        .containsExactly(
            new Run("one", Attributes.NONE),
            new Run("\n", h1),
            new Run("two", Attributes.NONE),
            new Run("\n", h1),
            new Run("three\n", Attributes.NONE));
  }

  @Test
  void aLastLineWithoutLineEndGetsOneForItsFormat() {
    Document doc = Document.of("item");
    Document after = doc.apply(Formatting.block(doc, Selection.caret(2), BlockStyle.BULLET_LIST));
    assertThat(after.text()).isEqualTo("item\n");
    assertThat(after.runs().getLast().attributes().list()).isEqualTo(ListKind.BULLET);
  }

  @Test
  void enterInAListContinuesTheList() {
    var bullet = Attributes.builder().list(ListKind.BULLET).build();
    Document doc = Document.of("item").apply(Operation.insert(4, "\n", bullet));

    Document after = doc.apply(Formatting.typing(doc, 4, 0, "\nnext", Attributes.NONE));

    assertThat(after.text()).isEqualTo("item\nnext\n");
    assertThat(after.runs())
        .containsExactly(
            new Run("item", Attributes.NONE),
            new Run("\n", bullet),
            new Run("next", Attributes.NONE),
            new Run("\n", bullet));
  }
}
