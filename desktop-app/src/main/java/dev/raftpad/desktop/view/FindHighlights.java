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
 * Only the matches in the paragraphs on screen are drawn, again after each scroll or resize: each
 * is a node with bindings in the area, and drawing every match of a common word in a long document
 * held the FX thread for hundreds of milliseconds.
 */
final class FindHighlights {
  /** At most this many drawn at once (a single paragraph on screen can hold thousands). */
  static final int MAX_DRAWN = 500;

  private static final int MAX_RETRIES = 3;

  private static final Color MATCH = Color.web("#fde68a", 0.75);
  private static final Color CURRENT = Color.web("#f59e0b", 0.85);

  private final EditorArea area;
  private final List<Drawn> drawn = new ArrayList<>();
  private List<Match> matches = List.of();
  private int current = -1;
  private final AfterPulse drawLater = new AfterPulse(this::draw);
  private int retries;

  /** Whether the matches changed since the last draw; else a draw for the same lines is skipped. */
  private boolean stale;

  private int drawnFirst = -1;
  private int drawnLast = -1;

  FindHighlights(EditorArea area) {
    this.area = area;
    area.viewportDirtyEvents()
        .subscribe(
            e -> {
              if (!matches.isEmpty()) {
                drawLater.request();
              }
            });
  }

  /**
   * Shows {@code matches} (code points, in order), {@code current} (an index, or -1) in a stronger
   * colour: the ones on screen, drawn after the pulse ({@link AfterPulse}).
   */
  void show(List<Match> matches, int current) {
    this.matches = matches;
    this.current = current;
    stale = true;
    drawLater.request();
  }

  void clear() {
    matches = List.of();
    current = -1;
    removeDrawn();
  }

  /** How many matches are drawn now (for tests: the overlay, not the document, shows them). */
  int drawnCount() {
    return drawn.size();
  }

  /** Which matches are drawn now, by their index among all (for tests). */
  List<Integer> drawnMatches() {
    return drawn.stream().map(Drawn::match).toList();
  }

  private void draw() {
    if (matches.isEmpty() || area.getScene() == null) {
      removeDrawn();
      return;
    }
    int firstShown;
    int lastShown;
    try {
      firstShown = area.firstVisibleParToAllParIndex();
      lastShown = area.lastVisibleParToAllParIndex();
    } catch (IllegalArgumentException | IndexOutOfBoundsException cellsChanging) {
      // The area's visible paragraphs are changing under a jump: again once they settle (an area
      // with no cells, never laid out, waits for its first viewport event instead).
      if (retries++ < MAX_RETRIES) {
        drawLater.request();
      }
      return;
    }
    retries = 0;
    // Converted down the shown document's rope: this runs after every change while find is open.
    Document text = area.shown();
    lastShown = Math.min(lastShown, text.lineCount() - 1);
    if (!stale && firstShown == drawnFirst && lastShown == drawnLast) {
      return; // the same lines (a layout our own selections caused): nothing to redraw
    }
    removeDrawn();
    stale = false;
    drawnFirst = firstShown;
    drawnLast = lastShown;
    int from = text.lineStart(firstShown);
    int to = lastShown + 1 < text.lineCount() ? text.lineStart(lastShown + 1) : text.length();
    for (int i = firstEndingAfter(from); i < matches.size() && drawn.size() < MAX_DRAWN; i++) {
      Match m = matches.get(i);
      if (m.start() >= to || m.end() > text.length()) {
        break; // below the screen, or computed from a newer document (the next show redraws)
      }
      Color fill = i == current ? CURRENT : MATCH;
      var selection =
          new SelectionImpl<String, Either<String, InlineImage>, String>(
              "find-match-" + i, area, path -> path.setHighlightFill(fill));
      if (area.addSelection(selection)) {
        selection.selectRange(
            AreaPositions.toArea(text, m.start()), AreaPositions.toArea(text, m.end()));
        drawn.add(new Drawn(i, selection));
      }
    }
  }

  /** The index of the first match that ends after {@code position} (binary search). */
  private int firstEndingAfter(int position) {
    int low = 0;
    int high = matches.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (matches.get(middle).end() <= position) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private void removeDrawn() {
    drawnFirst = -1;
    drawnLast = -1;
    for (Drawn d : drawn) {
      area.removeSelection(d.selection());
      d.selection().dispose();
    }
    drawn.clear();
  }

  /** Match number {@code match} drawn as {@code selection}. */
  private record Drawn(
      int match, Selection<String, Either<String, InlineImage>, String> selection) {}
}
