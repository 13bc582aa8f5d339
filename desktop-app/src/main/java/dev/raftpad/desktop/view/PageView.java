package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.Zoom;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;

/**
 * The text as a page: a centred column of at most a page's width with margins, however wide the
 * window (the scroll bar stays at the window's edge), and the zoom that scales text and page.
 */
final class PageView {
  /** The page's text width at 100 %: US Letter less 1-inch margins at 96 dpi. */
  static final double PAGE_WIDTH = 624;

  static final double BASE_FONT = 14;
  private static final double MIN_MARGIN = 24;

  /** The sheet's margin around the text column at 100 %, in px. */
  static final double PAGE_MARGIN = 56;

  private final EditorArea area;
  private final IntegerProperty zoom = new SimpleIntegerProperty(Zoom.DEFAULT);

  PageView(EditorArea area) {
    this.area = area;
    area.widthProperty().addListener((o, was, now) -> layout());
    zoom.addListener((o, was, now) -> layout());
    layout();
  }

  /** The zoom in percent (50–200). */
  IntegerProperty zoomProperty() {
    return zoom;
  }

  void zoomIn() {
    zoom.set(Zoom.in(zoom.get()));
  }

  void zoomOut() {
    zoom.set(Zoom.out(zoom.get()));
  }

  void resetZoom() {
    zoom.set(Zoom.DEFAULT);
  }

  private void layout() {
    double scale = zoom.get() / 100.0;
    double page = PAGE_WIDTH * scale;
    double side = Math.max(MIN_MARGIN, (area.getWidth() - page) / 2);
    // The sheet: the text column and its margins on the page colour, edged by a hairline, on the
    // canvas colour beside it (as Google Docs draws a page); a narrow window is all sheet.
    double sheet = Math.max(0, side - PAGE_MARGIN * scale);
    double edge = Math.max(0, sheet - 1);
    // Headings are sized in em (RichStyles), so scaling the area's font scales all of the text.
    area.setStyle(
        String.format(
            java.util.Locale.ROOT,
            "-fx-font-size: %.2fpx; -fx-background-color: -color-bg-subtle, -color-border-muted,"
                + " -color-bg-default; -fx-background-insets: 0, 0 %.1f 0 %.1f, 0 %.1f 0 %.1f;",
            BASE_FONT * scale,
            edge,
            edge,
            sheet,
            sheet));
    area.setPadding(new Insets(32 * scale, side, 48 * scale, side));
  }
}
