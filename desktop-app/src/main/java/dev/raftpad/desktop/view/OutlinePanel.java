package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.Headings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;

/**
 * The document outline at the left of the page: its headings, indented by level, kept current as
 * anyone edits; a click (or Enter) puts the caret at the heading and scrolls it to the top.
 */
final class OutlinePanel {
  static final double WIDTH = 190;

  private final EditorViewModel model;
  private final EditorArea area;
  private final ListView<Headings.Entry> list = new ListView<>();
  private final BorderPane root;

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
    title.setPadding(new Insets(8, 8, 4, 8));
    root = new BorderPane(list);
    root.setTop(title);
    root.setPrefWidth(WIDTH);
    root.setMinWidth(WIDTH);
    root.getStyleClass().add("outline-panel");
    list.getStyleClass().add("edge-to-edge");
    model.onDocumentChanged(this::refresh);
    refresh();
  }

  Node node() {
    return root;
  }

  ListView<Headings.Entry> list() {
    return list;
  }

  private void refresh() {
    var now = Headings.of(model.document());
    if (!now.equals(list.getItems())) {
      list.getItems().setAll(now);
    }
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
