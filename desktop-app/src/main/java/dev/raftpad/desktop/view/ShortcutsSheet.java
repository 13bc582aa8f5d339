package dev.raftpad.desktop.view;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help → Keyboard shortcuts: every shortcut, generated from {@link EditorKeys#SHORTCUTS}. */
final class ShortcutsSheet {
  private ShortcutsSheet() {}

  static void show(Window owner) {
    Dialog<Void> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Keyboard shortcuts");
    dialog.setHeaderText("Keyboard shortcuts");
    dialog.getDialogPane().setId("shortcuts-sheet");
    dialog.getDialogPane().setContent(table());
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.show();
  }

  /** Two columns, what and keys; each line is also one accessible text for screen readers. */
  static ScrollPane table() {
    GridPane grid = new GridPane();
    grid.setId("shortcuts-table");
    grid.setHgap(24);
    grid.setVgap(4);
    grid.setPadding(new Insets(8));
    int row = 0;
    for (EditorKeys.Shortcut s : EditorKeys.SHORTCUTS) {
      Label what = new Label(s.description());
      Label keys = new Label(s.keysText());
      keys.setStyle("-fx-font-family: monospace;");
      what.setAccessibleText(s.description() + ": " + s.keysText());
      grid.addRow(row++, what, keys);
    }
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToWidth(true);
    scroll.setPrefViewportHeight(420);
    return scroll;
  }
}
