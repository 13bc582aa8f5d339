package dev.raftpad.document.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The document's tree look-ups (UTF-16 offsets, lines, line formats) against the same answers
 * computed from the whole text, after random edits, persistent and in place.
 */
class DocumentIndexTest {

  @Property(tries = 100)
  void lookUpsMatchTheWholeText(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = Document.empty();
    DocumentEditor editor = new DocumentEditor(document);
    for (int step = 0; step < 60; step++) {
      Operation op = edits.operation(document.length());
      document = document.apply(op);
      editor.apply(op);
      if (step % 10 == 0) {
        // Larger documents: many leaves, so the look-ups go down real trees.
        Operation more =
            Operation.insert(
                edits.random().nextInt(document.length() + 1), edits.text(400), Attributes.NONE);
        document = document.apply(more);
        editor.apply(more);
      }
      assertMatchesText(document, seed);
      if (step % 7 == 0) {
        // Nodes changed in place by the editor keep their counts too.
        assertMatchesText(editor.snapshot(), seed);
      }
    }
  }

  private static void assertMatchesText(Document document, long seed) {
    String text = document.text();
    assertThat(document.utf16Length()).as("seed %d", seed).isEqualTo(text.length());
    List<Integer> lineStarts = new ArrayList<>(List.of(0));
    List<Attributes> lineFormats = new ArrayList<>();
    for (Run run : document.runs()) {
      run.text().chars().filter(c -> c == '\n').forEach(c -> lineFormats.add(run.attributes()));
    }
    lineFormats.add(Attributes.NONE);
    int position = 0;
    for (int offset = 0; offset < text.length(); ) {
      int cp = text.codePointAt(offset);
      assertThat(document.toUtf16(position)).as("seed %d", seed).isEqualTo(offset);
      assertThat(document.toCodePoints(offset)).as("seed %d", seed).isEqualTo(position);
      assertThat(document.lineOf(position)).as("seed %d", seed).isEqualTo(lineStarts.size() - 1);
      if (Character.charCount(cp) == 2) {
        // Inside a pair: rounded down, never split.
        assertThat(document.toCodePoints(offset + 1)).as("seed %d", seed).isEqualTo(position);
      }
      offset += Character.charCount(cp);
      position++;
      if (cp == '\n') {
        lineStarts.add(position);
      }
    }
    assertThat(document.toUtf16(position)).isEqualTo(text.length());
    assertThat(document.toCodePoints(text.length())).isEqualTo(position);
    assertThat(document.lineCount()).as("seed %d", seed).isEqualTo(lineStarts.size());
    for (int line = 0; line < lineStarts.size(); line++) {
      assertThat(document.lineStart(line)).as("seed %d", seed).isEqualTo(lineStarts.get(line));
      assertThat(document.lineFormat(line)).as("seed %d", seed).isEqualTo(lineFormats.get(line));
    }
  }
}
