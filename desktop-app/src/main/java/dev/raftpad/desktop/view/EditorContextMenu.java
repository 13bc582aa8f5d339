package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.Misspelling;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import dev.raftpad.desktop.viewmodel.SpellingViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The text's right-click menu (also the Menu key or Shift+F10): on a misspelled word first its
 * suggestions, "Add to dictionary" and "Ignore"; then clipboard, formatting, link, comment and
 * select all, each with its shortcut from {@link EditorKeys}, off where the user may not do it.
 */
final class EditorContextMenu {
  private EditorContextMenu() {}

  static ContextMenu install(
      EditorArea area,
      EditorViewModel model,
      SpellingViewModel spelling,
      Consumer<String> command) {
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
    List<MenuItem> spellingItems = new ArrayList<>();
    menu.setOnShowing(
        e -> {
          menu.getItems().removeAll(spellingItems);
          spellingItems.clear();
          misspellingAtCaret(area, spelling)
              .ifPresent(m -> spellingItems.addAll(spellingItems(m, spelling, model)));
          menu.getItems().addAll(0, spellingItems);
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

  /** The misspelled word the caret is in or just after (code points of its paragraph). */
  private static java.util.Optional<Misspelling> misspellingAtCaret(
      EditorArea area, SpellingViewModel spelling) {
    if (!spelling.enabled()) {
      return java.util.Optional.empty();
    }
    int paragraph = area.getCurrentParagraph();
    String text = area.getParagraph(paragraph).getText();
    return spelling.at(paragraph, AreaPositions.fromArea(text, area.getCaretColumn()));
  }

  private static List<MenuItem> spellingItems(
      Misspelling word, SpellingViewModel spelling, EditorViewModel model) {
    List<MenuItem> items = new ArrayList<>();
    boolean readOnly = model.readOnlyProperty().get();
    for (int i = 0; i < word.suggestions().size(); i++) {
      String suggestion = word.suggestions().get(i);
      MenuItem item = new MenuItem(suggestion);
      item.setId("spelling-suggestion-" + i);
      item.getStyleClass().add("spelling-suggestion");
      item.setStyle("-fx-font-weight: bold;");
      item.setDisable(readOnly);
      item.setOnAction(e -> spelling.replace(word, suggestion));
      items.add(item);
    }
    if (word.suggestions().isEmpty()) {
      MenuItem none = new MenuItem("No suggestions");
      none.setId("spelling-none");
      none.setDisable(true);
      items.add(none);
    }
    MenuItem add = new MenuItem("Add “" + word.word() + "” to dictionary");
    add.setId("spelling-add");
    add.setOnAction(e -> spelling.addToDictionary(word.word()));
    MenuItem ignore = new MenuItem("Ignore");
    ignore.setId("spelling-ignore");
    ignore.setOnAction(e -> spelling.ignore(word.word()));
    items.add(add);
    items.add(ignore);
    items.add(new SeparatorMenuItem());
    return items;
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
