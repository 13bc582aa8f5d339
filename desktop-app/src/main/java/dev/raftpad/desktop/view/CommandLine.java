package dev.raftpad.desktop.view;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A shell command to run, in monospace, selectable, with a Copy button; hidden (and taking no room)
 * while there is none.
 */
final class CommandLine {
  private CommandLine() {}

  static Node build(ObservableStringValue command) {
    TextField text = new TextField();
    text.setId("command-text");
    text.setEditable(false);
    text.getStyleClass().add("command-line");
    text.textProperty().bind(command);
    // At least as wide as the command, so none of it scrolls out of sight.
    text.prefColumnCountProperty()
        .bind(
            javafx.beans.binding.Bindings.createIntegerBinding(
                () -> command.get().length() + 2, command));
    text.setMinWidth(Region.USE_PREF_SIZE);
    HBox.setHgrow(text, Priority.ALWAYS);
    Button copy = new Button("Copy");
    copy.setId("command-copy");
    copy.setMinWidth(Region.USE_PREF_SIZE);
    copy.setOnAction(
        e -> {
          ClipboardContent content = new ClipboardContent();
          content.putString(command.get());
          Clipboard.getSystemClipboard().setContent(content);
        });
    HBox row = new HBox(6, text, copy);
    row.setId("command-line");
    row.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(command));
    row.managedProperty().bind(row.visibleProperty());
    return row;
  }
}
