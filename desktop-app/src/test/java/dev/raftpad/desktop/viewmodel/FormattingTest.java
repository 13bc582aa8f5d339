package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.op.Alignment;
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

  @Test
  void alignmentAndSpacingGoOnEveryTouchedLineAndLeftRemovesIt() {
    Document doc = Document.of("one\ntwo\nthree");
    var centre = Attributes.builder().align(Alignment.CENTER).build();

    Document centred = doc.apply(Formatting.lines(doc, new Selection(1, 9), centre));
    Document back =
        centred.apply(
            Formatting.lines(
                centred,
                new Selection(0, centred.length()),
                Attributes.builder().align(Alignment.NONE).build()));

    assertThat(centred.text()).isEqualTo("one\ntwo\nthree\n");
    assertThat(RunsOf.lineEnds(centred)).allMatch(a -> a.align() == Alignment.CENTER);
    assertThat(RunsOf.lineEnds(back)).allMatch(a -> a.align() == null);
  }

  @Test
  void indentMovesEachLineFromItsOwnLevelWithinZeroToEight() {
    Document doc =
        Document.of("a")
            .apply(Operation.insert(1, "\n", Attributes.builder().indent(8).build()))
            .apply(Operation.insert(2, "b\n", Attributes.NONE));

    Document in = doc.apply(Formatting.indent(doc, new Selection(0, 3), 1));
    Document out = in.apply(Formatting.indent(in, new Selection(0, 3), -1));

    assertThat(RunsOf.lineEnds(in)).extracting(Attributes::indent).containsExactly(8, 1);
    assertThat(RunsOf.lineEnds(out)).extracting(Attributes::indent).containsExactly(7, null);
  }

  @Test
  void aChecklistItemTicksAndANewItemStartsUnticked() {
    Document doc = Document.of("milk\neggs");
    Document list = doc.apply(Formatting.block(doc, new Selection(0, 7), BlockStyle.CHECKLIST));

    Document ticked = list.apply(Formatting.toggleChecked(list, 1));
    Document next = ticked.apply(Formatting.typing(ticked, 9, 0, "\nham", Attributes.NONE));

    assertThat(RunsOf.lineEnds(list)).extracting(Attributes::list).containsOnly(ListKind.UNCHECKED);
    assertThat(RunsOf.lineEnds(ticked))
        .extracting(Attributes::list)
        .containsExactly(ListKind.UNCHECKED, ListKind.CHECKED);
    assertThat(RunsOf.lineEnds(next))
        .extracting(Attributes::list)
        .containsExactly(ListKind.UNCHECKED, ListKind.CHECKED, ListKind.UNCHECKED);
    assertThat(Formatting.toggleChecked(doc, 0)).isEqualTo(Operation.IDENTITY);
  }

  @Test
  void clearFormattingRemovesLooksButKeepsLinksAndLineFormats() {
    var looks =
        Attributes.builder()
            .bold(true)
            .fontFamily("serif")
            .fontSize(18)
            .highlight("#ffff00")
            .color("#ff0000")
            .link("https://raftpad.dev")
            .build();
    var heading = Attributes.builder().heading(Heading.H1).build();
    Document doc =
        Document.fromContent(Operation.insert(0, "title", looks))
            .apply(Operation.insert(5, "\n", heading));

    Document cleared = doc.apply(Formatting.clear(doc, new Selection(0, 6)));

    assertThat(cleared.runs())
        .containsExactly(
            new Run("title", Attributes.builder().link("https://raftpad.dev").build()),
            new Run("\n", heading));
  }

  @Test
  void typedTextCarriesTheFontSizeAndHighlightOfTheCharacterBefore() {
    var looks =
        Attributes.builder().fontFamily("monospace").fontSize(24).highlight("#00ffff").build();
    Document doc = Document.fromContent(Operation.insert(0, "ab", looks));

    assertThat(Formatting.inlineAt(doc, 2)).isEqualTo(looks);
  }

  /** The attributes of a document's line ends, in order. */
  private static final class RunsOf {
    static java.util.List<Attributes> lineEnds(Document document) {
      java.util.List<Attributes> ends = new java.util.ArrayList<>();
      for (Run run : document.runs()) {
        run.text().chars().filter(c -> c == '\n').forEach(c -> ends.add(run.attributes()));
      }
      return ends;
    }
  }
}
