package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.FindViewModel;
import javafx.beans.binding.BooleanExpression;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The find and replace bar above the text (Ctrl+F, Ctrl+H): the query, "3 of 12", previous/next
 * (Shift+Enter/Enter, Shift+F3/F3), match case, whole word, and a replace row. Matches are drawn by
 * {@link FindHighlights}; the current one is also selected in the area.
 */
final class FindBar {
  private final FindViewModel model;
  private final EditorArea area;
  private final FindHighlights highlights;
  private final VBox root = new VBox(4);
  private final TextField find = new TextField();
  private final TextField replace = new TextField();
  private final HBox replaceRow;

  FindBar(FindViewModel model, EditorArea area, BooleanExpression readOnly) {
    this.model = model;
    this.area = area;
    this.highlights = new FindHighlights(area);
    root.setId("find-bar");
    root.getStyleClass().add("find-bar");
    root.setPadding(new Insets(6, 10, 6, 10));

    find.setId("find-field");
    find.setPromptText("Find in document");
    find.setAccessibleText("Find in document");
    find.setPrefColumnCount(22);
    find.textProperty().bindBidirectional(model.queryProperty());
    Label count = new Label();
    count.setId("find-count");
    count.setMinWidth(80);
    count.textProperty().bind(model.countProperty());
    Button previous = button("↑", "find-previous", "Previous match (Shift+Enter, Shift+F3)");
    previous.setOnAction(e -> go(false));
    Button next = button("↓", "find-next", "Next match (Enter, F3)");
    next.setOnAction(e -> go(true));
    ToggleButton matchCase = toggle("Aa", "find-match-case", "Match case");
    matchCase.selectedProperty().bindBidirectional(model.matchCaseProperty());
    ToggleButton wholeWord = toggle("W", "find-whole-word", "Whole words only");
    wholeWord.selectedProperty().bindBidirectional(model.wholeWordProperty());
    Button close = button("✕", "find-close", "Close (Escape)");
    close.setOnAction(e -> close());
    HBox findRow = new HBox(6, find, count, previous, next, matchCase, wholeWord, close);
    findRow.setAlignment(Pos.CENTER_LEFT);

    replace.setId("replace-field");
    replace.setPromptText("Replace with");
    replace.setAccessibleText("Replace with");
    replace.setPrefColumnCount(22);
    replace.textProperty().bindBidirectional(model.replacementProperty());
    Button one = button("Replace", "replace-one", "Replace this match and find the next");
    one.setOnAction(e -> model.replace());
    Button all = button("Replace all", "replace-all", "Replace every match (one undo step)");
    all.setOnAction(e -> model.replaceAll());
    one.disableProperty().bind(readOnly);
    all.disableProperty().bind(readOnly);
    replace.disableProperty().bind(readOnly);
    replaceRow = new HBox(6, replace, one, all);
    replaceRow.setAlignment(Pos.CENTER_LEFT);
    replaceRow.managedProperty().bind(replaceRow.visibleProperty());

    root.getChildren().addAll(findRow, replaceRow);
    root.managedProperty().bind(root.visibleProperty());
    root.setVisible(false);

    root.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    find.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            go(!e.isShiftDown());
            e.consume();
          }
        });
    replace.setOnAction(
        e -> {
          model.replace();
          selectCurrent();
        });
    find.textProperty().addListener((o, was, now) -> selectCurrent());
    model.matchesProperty().addListener((o, was, now) -> redraw());
    model.currentProperty().addListener((o, was, now) -> redraw());
  }

  Node node() {
    return root;
  }

  boolean isOpen() {
    return root.isVisible();
  }

  FindHighlights highlights() {
    return highlights;
  }

  /** Opens the bar (with the replace row for Ctrl+H), taking a one-line selection as the query. */
  void open(boolean withReplace) {
    String selected = area.getSelectedText();
    if (!selected.isEmpty() && selected.indexOf('\n') < 0) {
      find.setText(selected);
    }
    replaceRow.setVisible(withReplace);
    root.setVisible(true);
    model.search(AreaPositions.fromArea(area.shown(), area.getSelection().getStart()));
    redraw();
    find.requestFocus();
    find.selectAll();
  }

  void close() {
    root.setVisible(false);
    highlights.clear();
    area.requestFocus();
  }

  /** Next (or previous) match, selected in the area; opens the bar if it was closed. */
  void go(boolean forward) {
    if (!isOpen()) {
      open(false);
    }
    if (forward) {
      model.next();
    } else {
      model.previous();
    }
    selectCurrent();
  }

  private void keys(KeyEvent e) {
    // The fields' own Ctrl+H is Backspace: the bar's shortcuts go first.
    if (EditorKeys.keysOf("replace").orElseThrow().match(e)) {
      open(true);
      e.consume();
    } else if (EditorKeys.keysOf("find").orElseThrow().match(e)) {
      open(replaceRow.isVisible());
      e.consume();
    } else if (e.getCode() == KeyCode.F3) {
      go(!e.isShiftDown());
      e.consume();
    } else if (e.getCode() == KeyCode.ESCAPE) {
      close();
      e.consume();
    }
  }

  /** Selects the current match in the area, scrolled into view; only on the user's own moves. */
  private void selectCurrent() {
    model
        .currentMatch()
        .ifPresent(
            m -> {
              var text = area.shown();
              if (m.end() <= text.length()) {
                area.selectRange(
                    AreaPositions.toArea(text, m.start()), AreaPositions.toArea(text, m.end()));
                area.requestFollowCaret();
              }
            });
  }

  private void redraw() {
    if (isOpen()) {
      highlights.show(model.matchesProperty().get(), model.currentProperty().get());
    }
  }

  private static Button button(String text, String id, String tip) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setAccessibleText(tip);
    return b;
  }

  private static ToggleButton toggle(String text, String id, String tip) {
    ToggleButton b = new ToggleButton(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setAccessibleText(tip);
    return b;
  }
}
