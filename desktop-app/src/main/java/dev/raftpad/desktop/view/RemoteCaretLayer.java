package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.User;
import dev.raftpad.desktop.viewmodel.RemoteCaret;
import dev.raftpad.desktop.viewmodel.Users;
import dev.raftpad.document.text.Document;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.fxmisc.richtext.Caret;
import org.fxmisc.richtext.CaretNode;
import org.fxmisc.richtext.SelectionImpl;
import org.reactfx.util.Either;

/**
 * Other users' carets and selections in their colours, with a name tag above each caret (as
 * RichTextFX's MultiCaretAndSelectionDemo draws extra carets; the tags float in an overlay).
 */
final class RemoteCaretLayer {
  private final EditorArea area;
  private final Function<User, String> colours;
  private final Pane overlay = new Pane();
  private final Map<String, Shown> shown = new HashMap<>();
  private final AfterPulse placeAllLater = new AfterPulse(this::placeAll);

  private record Shown(
      CaretNode caret,
      SelectionImpl<String, Either<String, InlineImage>, String> selection,
      Label tag) {}

  RemoteCaretLayer(EditorArea area, Function<User, String> colours) {
    this.area = area;
    this.colours = colours;
    overlay.setMouseTransparent(true);
    overlay.setPickOnBounds(false);
  }

  Pane overlay() {
    return overlay;
  }

  /** Shows exactly {@code carets} (positions in code points of {@code text}, the area's text). */
  void show(List<RemoteCaret> carets, Document text) {
    Set<String> keep = new HashSet<>();
    for (RemoteCaret c : carets) {
      keep.add(c.clientId());
      Shown s = shown.computeIfAbsent(c.clientId(), id -> create(c));
      int anchor = AreaPositions.toArea(text, c.selection().anchor());
      int head = AreaPositions.toArea(text, c.selection().head());
      s.caret().moveTo(head);
      s.selection().selectRange(Math.min(anchor, head), Math.max(anchor, head));
      s.tag().setText(Users.name(c.user()));
      place(s);
    }
    for (var it = shown.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!keep.contains(e.getKey())) {
        area.removeCaret(e.getValue().caret());
        area.removeSelection(e.getValue().selection());
        overlay.getChildren().remove(e.getValue().tag());
        it.remove();
      }
    }
  }

  private Shown create(RemoteCaret c) {
    Color color = Color.web(colours.apply(c.user()));
    CaretNode caret = new CaretNode("remote-" + c.clientId(), area, 0);
    caret.setStroke(color);
    caret.setStrokeWidth(2);
    caret.setShowCaret(Caret.CaretVisibility.ON);
    caret.getStyleClass().add("remote-caret");
    area.addCaret(caret);
    SelectionImpl<String, Either<String, InlineImage>, String> selection =
        new SelectionImpl<>(
            "remote-selection-" + c.clientId(),
            area,
            path -> path.setHighlightFill(color.deriveColor(0, 1, 1, 0.3)));
    area.addSelection(selection);
    Label tag = new Label(Users.name(c.user()));
    tag.getStyleClass().add("caret-tag");
    tag.setStyle(
        "-fx-background-color: "
            + colours.apply(c.user())
            + "; -fx-text-fill: white; -fx-font-size: 10px; -fx-padding: 0 3 0 3;"
            + " -fx-background-radius: 3;");
    tag.setManaged(false);
    overlay.getChildren().add(tag);
    Shown shown = new Shown(caret, selection, tag);
    // An invalidation listener, never a change listener: a change listener makes RichTextFX compute
    // the caret's bounds in the middle of a text replace, when Flowless's cells do not yet match
    // the paragraphs (it throws IllegalStateException from CellListManager.getCell). The tags are
    // placed once the replace has finished.
    caret.caretBoundsProperty().addListener((javafx.beans.Observable o) -> placeAllLater.request());
    return shown;
  }

  private void placeAll() {
    shown.values().forEach(this::place);
  }

  /** Puts the name tag just above its caret, or hides it when the caret is off screen. */
  private void place(Shown s) {
    var bounds = s.caret().getCaretBounds();
    if (bounds.isEmpty() || overlay.getScene() == null) {
      s.tag().setVisible(false);
      return;
    }
    Bounds b = bounds.get();
    Point2D local = overlay.screenToLocal(b.getMinX(), b.getMinY());
    if (local == null) {
      s.tag().setVisible(false);
      return;
    }
    s.tag().autosize();
    s.tag().relocate(local.getX(), Math.max(0, local.getY() - s.tag().getHeight()));
    s.tag().setVisible(true);
  }
}
