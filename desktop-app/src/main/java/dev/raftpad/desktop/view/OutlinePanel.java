package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.BackgroundRefresh;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.Headings;
import dev.raftpad.desktop.viewmodel.ListUpdate;
import dev.raftpad.desktop.viewmodel.QuietPeriod;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The document outline at the left of the page: its headings, indented by level, kept current as
 * anyone edits; a click (or Enter) puts the caret at the heading and scrolls it to the top. Like
 * Google Docs' outline it folds into a narrow strip with one button: by itself when the window
 * leaves the page too little room ({@link #fitTo}), or when the user hides it.
 */
final class OutlinePanel {
  static final double WIDTH = 190;

  /** The folded strip's width: room for its button. */
  static final double FOLDED_WIDTH = 34;

  /** The page needs at least this much beside the outline, or the outline folds itself. */
  static final double MIN_PAGE = 560;

  private final EditorViewModel model;
  private final EditorArea area;
  private final ListView<Headings.Entry> list = new ListView<>();
  private final BorderPane root;
  private final BorderPane expanded;
  private final Button unfold = new Button("☰");
  private final javafx.beans.property.BooleanProperty folded =
      new javafx.beans.property.SimpleBooleanProperty(false);

  /** What the width alone would choose last; a user's fold or unfold holds until it changes. */
  private Boolean foldedByWidth;

  OutlinePanel(EditorViewModel model, EditorArea area) {
    this.model = model;
    this.area = area;
    list.setId("outline");
    list.setAccessibleText("Document outline: the headings; Enter jumps to one");
    list.setPlaceholder(new Label("Headings you add\nappear here"));
    list.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(Headings.Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : entry.text());
                setPadding(
                    new Insets(3, 6, 3, empty || entry == null ? 6 : 6 + 12 * (entry.level() - 1)));
                setStyle(entry != null && entry.level() == 1 ? "-fx-font-weight: bold;" : "");
                // Long headings end in "…" within the panel rather than scrolling it sideways.
                setPrefWidth(0);
                setTooltip(
                    empty || entry == null ? null : new javafx.scene.control.Tooltip(entry.text()));
              }
            });
    list.setOnMouseClicked(e -> jump());
    list.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            jump();
          }
        });
    Label title = new Label("Outline");
    title.getStyleClass().add("text-muted");
    Button fold = new Button("«");
    fold.setId("outline-fold");
    fold.getStyleClass().addAll("flat", "small");
    fold.setTooltip(new Tooltip("Hide the outline"));
    fold.setAccessibleText("Hide the outline");
    fold.setOnAction(e -> folded.set(true));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox header = new HBox(title, gap, fold);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(4, 4, 4, 8));
    expanded = new BorderPane(list);
    expanded.setTop(header);
    unfold.setId("outline-unfold");
    unfold.getStyleClass().addAll("flat");
    unfold.setTooltip(new Tooltip("Show the outline"));
    unfold.setAccessibleText("Show the document outline");
    unfold.setOnAction(e -> folded.set(false));
    BorderPane.setAlignment(unfold, Pos.TOP_CENTER);
    BorderPane.setMargin(unfold, new Insets(4, 0, 0, 0));
    root = new BorderPane(expanded);
    root.getStyleClass().add("outline-panel");
    folded.addListener((o, was, now) -> show(now));
    show(false);
    list.getStyleClass().add("edge-to-edge");
    // Finding the headings walks every line: in the background once the typing pauses, never per
    // keystroke on the FX thread; the list is then changed only where it differs.
    BackgroundRefresh<List<Headings.Entry>> refresh =
        new BackgroundRefresh<>(
            model.threads(), QuietPeriod.TYPING, model::document, Headings::of, this::showHeadings);
    model.onDocumentChanged(refresh::request);
    refresh.request();
  }

  Node node() {
    return root;
  }

  ListView<Headings.Entry> list() {
    return list;
  }

  /** Whether the outline is folded into its strip. */
  javafx.beans.property.BooleanProperty foldedProperty() {
    return folded;
  }

  /**
   * Folds or unfolds the outline for the width the page and the outline share ({@code width}, the
   * comments margin already taken out): folded when the page would get less than {@link #MIN_PAGE}.
   * Only a change of that choice moves it, so a user's own fold or unfold stays until the window
   * crosses the line.
   */
  void fitTo(double width) {
    boolean narrow = width - WIDTH < MIN_PAGE;
    if (foldedByWidth == null || foldedByWidth != narrow) {
      foldedByWidth = narrow;
      folded.set(narrow);
    }
  }

  private void show(boolean fold) {
    root.setCenter(fold ? unfold : expanded);
    double width = fold ? FOLDED_WIDTH : WIDTH;
    root.setPrefWidth(width);
    root.setMinWidth(width);
    root.setMaxWidth(width);
  }

  /** Shows {@code now}, changing the list only where it differs (see {@link ListUpdate}). */
  private void showHeadings(List<Headings.Entry> now) {
    ListUpdate.apply(list.getItems(), now);
  }

  private void jump() {
    Headings.Entry entry = list.getSelectionModel().getSelectedItem();
    if (entry == null) {
      return;
    }
    int at = AreaPositions.toArea(model.document(), entry.position());
    area.moveTo(Math.min(at, area.getLength()));
    area.showParagraphAtTop(area.getCurrentParagraph());
    area.requestFocus();
  }
}
