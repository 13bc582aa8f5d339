package dev.raftpad.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.testing.RandomEdits;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/**
 * The editor's incremental restyle (only the lines an operation touched, see {@link DirtyRange},
 * {@link RichStyles#lines} and {@link ShownLines}) against a full render, after random operations,
 * without the toolkit: a model of the area keeps a style per UTF-16 unit and per paragraph, moves
 * them with the text as RichTextFX does, and marks everything a text change could have given a
 * stale style with "?", so a range that misses a changed line fails the comparison.
 */
class IncrementalRestyleTest {
  private static final String[] ALPHABET = {"a", "b", " ", "\n", "é", "😀", "𝄞"};
  private static final List<Attributes> FORMATS =
      List.of(
          Attributes.NONE,
          Attributes.builder().bold(true).build(),
          Attributes.builder().italic(true).build(),
          Attributes.builder().heading(Heading.H1).build(),
          Attributes.builder().heading(Heading.H2).build(),
          Attributes.builder().list(ListKind.NUMBERED).build(),
          Attributes.builder().list(ListKind.BULLET).build(),
          Attributes.builder().quote(true).indent(1).build());

  @Test
  void restylingTheTouchedLinesMatchesAFullRender() {
    for (long seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      RandomEdits edits = new RandomEdits(random, ALPHABET, FORMATS);
      Document document = Document.fromContent(edits.insertOnly(30));
      AreaModel area = new AreaModel(document);
      for (int step = 0; step < 25; step++) {
        // One to three operations arrive before the next render (the dirty range follows them).
        DirtyRange dirty = null;
        int batch = 1 + random.nextInt(3);
        for (int i = 0; i < batch; i++) {
          Operation op = edits.operation(document);
          Document after = document.apply(op);
          area.change(document, after, op);
          DirtyRange touched = DirtyRange.touchedBy(op).orElse(null);
          DirtyRange moved = dirty == null ? null : dirty.through(op);
          dirty = moved == null ? touched : touched == null ? moved : moved.union(touched);
          document = after;
        }
        if (dirty != null) {
          area.restyle(document, dirty);
        }
        AreaModel full = new AreaModel(document);
        assertThat(area.units).as("seed %d step %d: text styles", seed, step).isEqualTo(full.units);
        assertThat(area.paragraphs)
            .as("seed %d step %d: paragraph styles", seed, step)
            .isEqualTo(full.paragraphs);
        assertThat(area.shown.formats())
            .as("seed %d step %d: list markers' formats", seed, step)
            .isEqualTo(full.shown.formats());
      }
    }
  }

  @Test
  void theWholeDocumentLoadsStyledAsTheLinesRenderIt() {
    RichStyles.Segments<String> text =
        new RichStyles.Segments<>() {
          @Override
          public SegmentOps<String, String> ops() {
            return SegmentOps.styledTextOps();
          }

          @Override
          public String text(String text) {
            return text;
          }

          @Override
          public String image(String id) {
            return Images.CHARACTER;
          }
        };
    for (long seed = 0; seed < 200; seed++) {
      Document document =
          Document.fromContent(new RandomEdits(new Random(seed), ALPHABET, FORMATS).insertOnly(30));
      var loaded = RichStyles.styledDocument(document, Map.of(), text);
      AreaModel full = new AreaModel(document);
      assertThat(loaded.getText()).as("seed %d", seed).isEqualTo(document.text());
      assertThat(loaded.getParagraphs()).hasSize(document.lineCount());
      int unit = 0;
      for (int p = 0; p < document.lineCount(); p++) {
        var paragraph = loaded.getParagraph(p);
        assertThat(paragraph.getParagraphStyle()).isEqualTo(full.paragraphs.get(p));
        for (int i = 0; i < paragraph.length(); i++) {
          assertThat(paragraph.getStyleOfChar(i))
              .as("seed %d line %d char %d", seed, p, i)
              .isEqualTo(full.units.get(unit + i));
        }
        unit += paragraph.length() + 1; // and the line end
      }
    }
  }

  @Test
  void typingMovesTheDirtyRangeLikeTheText() {
    DirtyRange dirty = new DirtyRange(10, 12);
    assertThat(dirty.throughReplace(2, 1, 3)).isEqualTo(new DirtyRange(2, 14));
    assertThat(dirty.throughReplace(20, 0, 1)).isEqualTo(new DirtyRange(10, 21));
    assertThat(dirty.throughReplace(11, 4, 0)).isEqualTo(new DirtyRange(10, 11));
  }

  /** The area as RichTextFX keeps it: a style per UTF-16 unit and per paragraph. */
  static final class AreaModel {
    final List<String> units = new ArrayList<>();
    final List<String> paragraphs = new ArrayList<>();
    final ShownLines shown = new ShownLines();

    AreaModel(Document document) {
      shown.reset(List.of());
      units.addAll(Collections.nCopies(document.utf16Length(), "?"));
      paragraphs.addAll(Collections.nCopies(document.lineCount(), "?"));
      restyle(document, DirtyRange.all(document));
    }

    /** The text change of {@code op}: new text and joined or split paragraphs have stale looks. */
    void change(Document before, Document after, Operation op) {
      int position = 0; // in the document after, whose prefix the area already shows
      int old = 0; // in the document before
      for (var component : op.components()) {
        switch (component) {
          case Retain r -> {
            position += r.count();
            old += r.count();
          }
          case Insert i -> {
            int at = after.toUtf16(position);
            units.addAll(at, Collections.nCopies(i.text().length(), "?"));
            int line = after.lineOf(position);
            int breaks = (int) i.text().chars().filter(c -> c == '\n').count();
            if (breaks > 0) {
              // The split line's tail keeps its line end, and RichTextFX keeps its style there.
              paragraphs.add(line + 1, paragraphs.get(line));
              paragraphs.addAll(line + 1, Collections.nCopies(breaks - 1, "?"));
            }
            paragraphs.set(line, "?");
            position += i.length();
          }
          case Delete d -> {
            int at = after.toUtf16(position);
            String gone = before.text(old, d.count());
            units.subList(at, at + gone.length()).clear();
            int line = after.lineOf(position);
            long joins = gone.chars().filter(c -> c == '\n').count();
            paragraphs.subList(line + 1, line + 1 + (int) joins).clear();
            paragraphs.set(line, "?");
            old += d.count();
          }
        }
      }
    }

    /** What the editor's render does with a dirty range. */
    void restyle(Document document, DirtyRange range) {
      int first = range.firstLine(document);
      int last = range.lastLine(document);
      var styled = RichStyles.lines(document, first, last, Map.of());
      if (styled.spans() != null) {
        List<String> fresh = expand(styled.spans());
        int at = document.toUtf16(styled.start());
        for (int i = 0; i < fresh.size(); i++) {
          units.set(at + i, fresh.get(i));
        }
      }
      for (int p = first; p <= last; p++) {
        paragraphs.set(p, RichStyles.paragraph(styled.formats().get(p - first)));
      }
      var unused = shown.update(first, styled.formats(), document.lineCount());
    }

    private static List<String> expand(StyleSpans<String> spans) {
      List<String> out = new ArrayList<>();
      for (StyleSpan<String> span : spans) {
        out.addAll(Collections.nCopies(span.getLength(), span.getStyle()));
      }
      return out;
    }
  }
}
