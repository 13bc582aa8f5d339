package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The text's right-click menu (also the Menu key or Shift+F10): clipboard, formatting, link,
 * comment and select all, each with its shortcut from {@link EditorKeys}, off where the user may
 * not do it.
 */
final class EditorContextMenu {
  private EditorContextMenu() {}

  static ContextMenu install(EditorArea area, EditorViewModel model, Consumer<String> command) {
    MenuItem cut = item("Cut", "cut", command);
    MenuItem copy = item("Copy", "copy", command);
    MenuItem paste = item("Paste", "paste", command);
    MenuItem pastePlain = item("Paste without formatting", "paste-plain", command);
    MenuItem bold = item("Bold", "bold", command);
    MenuItem italic = item("Italic", "italic", command);
    MenuItem underline = item("Underline", "underline", command);
    MenuItem link = item("Insert link…", "link", command);
    MenuItem comment = item("Comment", "comment", command);
    MenuItem selectAll = item("Select all", "select-all", command);
    ContextMenu menu =
        new ContextMenu(
            cut,
            copy,
            paste,
            pastePlain,
            new SeparatorMenuItem(),
            bold,
            italic,
            underline,
            link,
            comment,
            new SeparatorMenuItem(),
            selectAll);
    menu.setId("editor-context-menu");
    menu.setOnShowing(
        e -> {
          boolean selected = area.getSelection().getLength() > 0;
          boolean readOnly = model.readOnlyProperty().get();
          boolean noFormatting = model.formattingDisabledProperty().get();
          cut.setDisable(!selected || readOnly);
          copy.setDisable(!selected);
          paste.setDisable(readOnly);
          pastePlain.setDisable(readOnly);
          bold.setDisable(noFormatting);
          italic.setDisable(noFormatting);
          underline.setDisable(noFormatting);
          link.setDisable(!selected || noFormatting);
          comment.setDisable(
              !selected || readOnly || !ReviewViewModel.mayComment(model.roleProperty().get()));
        });
    area.setContextMenu(menu);
    return menu;
  }

  private static MenuItem item(String text, String name, Consumer<String> command) {
    MenuItem item = new MenuItem(text);
    item.setId("context-" + name);
    // Shown beside the item; in the area the key itself is EditorKeys' (it consumes it first).
    EditorKeys.keysOf(name).ifPresent(item::setAccelerator);
    item.setOnAction(e -> command.accept(name));
    return item;
  }
}
