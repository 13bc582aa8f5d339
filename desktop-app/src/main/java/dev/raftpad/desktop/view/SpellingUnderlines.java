package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.Misspelling;
import dev.raftpad.desktop.viewmodel.SpellingViewModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import org.fxmisc.richtext.GenericStyledArea;

/**
 * Red wavy underlines under misspelled words, drawn in an overlay from the area's character bounds
 * (the document and its styles are never touched). Only the paragraphs on screen are drawn, again
 * after each check, scroll, resize or change of the text; a word whose text no longer stands where
 * the last check saw it (typing since) waits for the next check.
 */
final class SpellingUnderlines {
  private static final Color RED = Color.web("#dc2626");
  private static final double WAVE = 2;

  private final GenericStyledArea<?, ?, ?> area;
  private final SpellingViewModel spelling;
  private final Pane overlay = new Pane();
  private final AfterPulse redrawLater = new AfterPulse(this::redraw);
  private int drawn;

  SpellingUnderlines(GenericStyledArea<?, ?, ?> area, SpellingViewModel spelling) {
    this.area = area;
    this.spelling = spelling;
    overlay.setMouseTransparent(true);
    overlay.setPickOnBounds(false);
    overlay.getStyleClass().add("spelling-underlines");
    spelling.misspellingsProperty().addListener((o, was, now) -> redrawLater.request());
    area.viewportDirtyEvents().subscribe(e -> redrawLater.request());
    area.widthProperty().addListener((o, was, now) -> redrawLater.request());
    area.heightProperty().addListener((o, was, now) -> redrawLater.request());
    area.plainTextChanges().subscribe(c -> redrawLater.request());
  }

  Pane overlay() {
    return overlay;
  }

  /** How many words are underlined on screen now (tests: the overlay, not the text, shows them). */
  int drawnCount() {
    return drawn;
  }

  private void redraw() {
    List<Path> paths = new ArrayList<>();
    if (overlay.getScene() != null) {
      Map<Integer, List<Misspelling>> byLine = new HashMap<>();
      for (Misspelling m : spelling.misspellingsProperty().get()) {
        byLine.computeIfAbsent(m.line(), l -> new ArrayList<>()).add(m);
      }
      // The lines on screen, noted before any bounds are asked for: asking may lay the area out,
      // which can change which paragraphs are visible while the loop walks them.
      int[] shown;
      try {
        int visible = byLine.isEmpty() ? 0 : area.getVisibleParagraphs().size();
        shown = new int[visible];
        for (int v = 0; v < visible; v++) {
          shown[v] = area.visibleParToAllParIndex(v);
        }
      } catch (IllegalArgumentException cellsChanging) {
        // Right after a jump RichTextFX's list of visible paragraphs can shrink while it is read
        // (seen paging through a million code points): draw once the cells have settled.
        redrawLater.request();
        return;
      }
      for (int paragraph : shown) {
        List<Misspelling> words = byLine.get(paragraph);
        if (words != null) {
          String text = area.getParagraph(paragraph).getText();
          for (Misspelling m : words) {
            underline(paragraph, text, m, paths);
          }
        }
      }
    }
    overlay.getChildren().setAll(paths);
    drawn = paths.size();
  }

  private void underline(int paragraph, String text, Misspelling m, List<Path> paths) {
    int from = AreaPositions.toArea(text, m.start());
    int to = AreaPositions.toArea(text, m.end());
    if (to > text.length() || !text.substring(from, to).equals(m.word())) {
      return; // the text moved since the check; the next check draws it again
    }
    var bounds =
        area.getCharacterBoundsOnScreen(
            area.getAbsolutePosition(paragraph, from), area.getAbsolutePosition(paragraph, to));
    if (bounds.isEmpty()) {
      return;
    }
    Bounds local = overlay.screenToLocal(bounds.get());
    if (local == null || local.getWidth() <= 0) {
      return;
    }
    paths.add(wave(local.getMinX(), local.getMaxX(), local.getMaxY() - 1));
  }

  /** A zigzag from {@code x0} to {@code x1} just under the baseline. */
  private static Path wave(double x0, double x1, double y) {
    List<PathElement> elements = new ArrayList<>();
    elements.add(new MoveTo(x0, y));
    boolean up = true;
    for (double x = x0 + WAVE; x <= x1; x += WAVE) {
      elements.add(new LineTo(x, up ? y - WAVE : y));
      up = !up;
    }
    Path path = new Path(elements);
    path.setStroke(RED);
    path.setStrokeWidth(1);
    path.getStyleClass().add("misspelled");
    path.setManaged(false);
    return path;
  }
}
