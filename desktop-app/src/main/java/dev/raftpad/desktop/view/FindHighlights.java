package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.TextSearch.Match;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import org.fxmisc.richtext.Selection;
import org.fxmisc.richtext.SelectionImpl;
import org.reactfx.util.Either;

/**
 * Find's matches drawn as extra RichTextFX selections behind the text: the document and its styles
 * stay untouched (the formatting render never sees them), and the area moves them as text changes.
 */
final class FindHighlights {
  /** Beyond this many, matches are counted but not all drawn (each is a node in the area). */
  static final int MAX_DRAWN = 500;

  private static final Color MATCH = Color.web("#fde68a", 0.75);
  private static final Color CURRENT = Color.web("#f59e0b", 0.85);

  private final EditorArea area;
  private final List<Selection<String, Either<String, InlineImage>, String>> drawn =
      new ArrayList<>();

  FindHighlights(EditorArea area) {
    this.area = area;
  }

  /**
   * Draws {@code matches} (code points), {@code current} (an index, or -1) in a stronger colour.
   */
  void show(List<Match> matches, int current) {
    clear();
    // Converted down the shown document's rope: this runs after every change while find is open.
    Document text = area.shown();
    for (int i = 0; i < matches.size() && i < MAX_DRAWN; i++) {
      Match m = matches.get(i);
      if (m.end() > text.length()) {
        break; // computed from a newer document than the area shows yet; the next render redraws
      }
      Color fill = i == current ? CURRENT : MATCH;
      var selection =
          new SelectionImpl<String, Either<String, InlineImage>, String>(
              "find-match-" + i, area, path -> path.setHighlightFill(fill));
      if (area.addSelection(selection)) {
        selection.selectRange(
            AreaPositions.toArea(text, m.start()), AreaPositions.toArea(text, m.end()));
        drawn.add(selection);
      }
    }
  }

  void clear() {
    for (var selection : drawn) {
      area.removeSelection(selection);
      selection.dispose();
    }
    drawn.clear();
  }

  /** How many matches are drawn now (for tests: the overlay, not the document, shows them). */
  int drawnCount() {
    return drawn.size();
  }
}
