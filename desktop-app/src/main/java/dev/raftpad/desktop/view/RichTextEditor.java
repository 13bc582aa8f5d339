package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.BlockStyle;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.InlineStyle;
import dev.raftpad.desktop.viewmodel.ReviewViewModel;
import dev.raftpad.desktop.viewmodel.TypingCaret;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.InlineCssTextArea;
import org.fxmisc.richtext.model.PlainTextChange;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * The RichTextFX area bound to an {@link EditorViewModel}: the user's typing becomes operations,
 * operations from elsewhere (remote edits, formatting, undo) are applied to the area keeping the
 * caret and selection where they belong, and the formatting is rendered from the document.
 */
final class RichTextEditor implements EditorViewModel.Surface {
  private final EditorViewModel model;
  private final ReviewViewModel review;
  private final InlineCssTextArea area = new InlineCssTextArea();
  private final StackPane root;
  private final RemoteCaretLayer carets;

  /** True while this class changes the area, so its own changes are not taken for typing. */
  private boolean applying;

  private boolean restylePending;

  /** Backspace with no selection was the last key pressed (see {@link TypingCaret}). */
  private boolean backward;

  /** Where the caret goes when the area is reloaded after a suggested deletion; -1: unchanged. */
  private int caretAfterReload = -1;

  private List<Attributes> lines = List.of(Attributes.NONE);

  private java.util.function.Consumer<String> others =
      name -> {
        throw new IllegalArgumentException(name);
      };

  RichTextEditor(EditorViewModel model, ReviewViewModel review) {
    this.model = model;
    this.review = review;
    area.setId("editor-area");
    area.getStyleClass().add("raftpad-editor");
    area.setWrapText(true);
    area.setPadding(new Insets(12));
    // Undo is the session's (own edits only), never the area's.
    area.setUndoManager(UndoUtils.noOpUndoManager());
    area.setParagraphGraphicFactory(this::marker);
    VirtualizedScrollPane<InlineCssTextArea> scroll = new VirtualizedScrollPane<>(area);
    carets = new RemoteCaretLayer(area);
    root = new StackPane(scroll, carets.overlay());
    load(model.document());
    area.plainTextChanges().subscribe(this::typed);
    area.caretPositionProperty().addListener((o, was, now) -> selectionMoved());
    area.anchorProperty().addListener((o, was, now) -> selectionMoved());
    area.editableProperty().bind(model.readOnlyProperty().not());
    EditorKeys.install(area, this::command);
    area.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> backward = e.getCode() == KeyCode.BACK_SPACE && area.getSelection().getLength() == 0);
    area.addEventFilter(KeyEvent.KEY_PRESSED, this::tabInList);
    // Comment highlights follow the active card, the draft and the threads.
    review.activeProperty().addListener((o, was, now) -> restyle());
    review.draftProperty().addListener((o, was, now) -> restyle());
    review.itemsProperty().addListener((o, was, now) -> restyle());
    model.carets().addListener((javafx.collections.ListChangeListener<Object>) c -> showCarets());
    model.attach(this);
  }

  StackPane node() {
    return root;
  }

  InlineCssTextArea area() {
    return area;
  }

  // --- From the user. ------------------------------------------------------------------------

  private void typed(PlainTextChange change) {
    if (applying) {
      return;
    }
    String now = area.getText();
    int position = AreaPositions.fromArea(now, change.getPosition());
    int deleted = AreaPositions.length(change.getRemoved());
    if (!model.typed(position, deleted, change.getInserted())) {
      // Refused (read-only): put the document back as it is.
      Platform.runLater(() -> reset(model.document()));
      return;
    }
    // Suggesting: deleted text stays (struck through); render() reloads it, and the caret goes
    // where TypingCaret says.
    int kept = model.document().length() - AreaPositions.length(now);
    if (deleted > 0 && kept > 0) {
      caretAfterReload =
          TypingCaret.after(position, kept, AreaPositions.length(change.getInserted()), backward);
    }
  }

  private void selectionMoved() {
    if (applying) {
      return;
    }
    String text = area.getText();
    int caret = AreaPositions.fromArea(text, area.getCaretPosition());
    model.selectionChanged(new Selection(AreaPositions.fromArea(text, area.getAnchor()), caret));
    review.caretMoved(caret);
  }

  /** A toolbar or shortcut command by name. */
  void command(String name) {
    switch (name) {
      case "bold" -> model.toggle(InlineStyle.BOLD);
      case "italic" -> model.toggle(InlineStyle.ITALIC);
      case "underline" -> model.toggle(InlineStyle.UNDERLINE);
      case "strikethrough" -> model.toggle(InlineStyle.STRIKETHROUGH);
      case "code" -> model.toggle(InlineStyle.CODE);
      case "h1" -> model.toggle(BlockStyle.H1);
      case "h2" -> model.toggle(BlockStyle.H2);
      case "h3" -> model.toggle(BlockStyle.H3);
      case "bullets" -> model.toggle(BlockStyle.BULLET_LIST);
      case "numbers" -> model.toggle(BlockStyle.NUMBERED_LIST);
      case "quote" -> model.toggle(BlockStyle.QUOTE);
      case "checklist" -> model.toggle(BlockStyle.CHECKLIST);
      case "align-left", "align-center", "align-right", "align-justify" ->
          model.formatLines(Attributes.builder().align(FormatBar.alignment(name)).build());
      case "indent" -> model.indent(1);
      case "outdent" -> model.indent(-1);
      case "clear-formatting" -> model.clearFormatting();
      case "undo" -> model.undo();
      case "redo" -> model.redo();
      case "comment" -> review.beginComment();
      case "cut" -> {
        if (area.isEditable()) {
          area.cut();
        } else {
          area.copy();
        }
      }
      case "copy" -> area.copy();
      case "paste-plain" -> pastePlain();
      case "select-all" -> area.selectAll();
      case "context-menu" -> showContextMenu();
      default -> others.accept(name);
    }
  }

  /** Commands that are not the area's own (find, zoom, link...): the editor view runs them. */
  void onOtherCommand(java.util.function.Consumer<String> handler) {
    this.others = handler;
  }

  /** The context menu from the keyboard (Shift+F10, the Menu key): at the caret. */
  private void showContextMenu() {
    var menu = area.getContextMenu();
    if (menu != null) {
      area.getCaretBounds().ifPresent(b -> menu.show(area, b.getMaxX(), b.getMaxY()));
    }
  }

  /** Pastes the clipboard's text only: typed text takes the formatting around it. */
  private void pastePlain() {
    String text = javafx.scene.input.Clipboard.getSystemClipboard().getString();
    if (text != null && area.isEditable()) {
      area.replaceSelection(text);
    }
  }

  /** Tab and Shift+Tab in a list line indent and outdent it instead of typing a tab. */
  private void tabInList(KeyEvent e) {
    if (e.getCode() != KeyCode.TAB || e.isShortcutDown() || e.isAltDown()) {
      return;
    }
    var list = model.lineFormatAtCaret().list();
    if (list != null && list != dev.raftpad.document.op.ListKind.NONE) {
      model.indent(e.isShiftDown() ? -1 : 1);
      e.consume();
    }
  }

  // --- From the model (Surface). -------------------------------------------------------------

  @Override
  public void apply(Operation operation) {
    applying = true;
    try {
      int position = 0;
      for (var component : operation.components()) {
        switch (component) {
          case Retain r -> position += r.count();
          case Insert i -> {
            area.insertText(AreaPositions.toArea(area.getText(), position), i.text());
            position += i.length();
          }
          case Delete d -> {
            String text = area.getText();
            area.deleteText(
                AreaPositions.toArea(text, position),
                AreaPositions.toArea(text, position + d.count()));
          }
        }
      }
      select(model.selection());
    } finally {
      applying = false;
    }
    render();
    showCarets();
  }

  @Override
  public void restyle() {
    // Typing reports its change while the area is still handling it; render right after.
    if (!restylePending) {
      restylePending = true;
      Platform.runLater(
          () -> {
            restylePending = false;
            render();
          });
    }
  }

  @Override
  public void reset(Document document) {
    load(document);
    showCarets();
  }

  private void load(Document document) {
    applying = true;
    try {
      area.replaceText(document.text());
      if (caretAfterReload >= 0) {
        model.selectionChanged(Selection.caret(Math.min(caretAfterReload, document.length())));
        caretAfterReload = -1;
      }
      select(model.selection());
    } finally {
      applying = false;
    }
    render();
  }

  private void select(Selection selection) {
    String text = area.getText();
    area.selectRange(
        AreaPositions.toArea(text, selection.anchor()),
        AreaPositions.toArea(text, selection.head()));
  }

  /** Renders the document's formatting (and heals the area if it ever drifted from the model). */
  private void render() {
    Document document = model.document();
    if (!area.getText().equals(document.text())) {
      load(document);
      return;
    }
    applying = true;
    try {
      var spans =
          RichStyles.spans(
              document, RichStyles.lineFormats(document), RichStyles.looks(model.suggestions()));
      if (spans != null) {
        area.setStyleSpans(0, RichStyles.highlight(spans, area.getText(), review.highlights()));
      }
      List<Attributes> now = RichStyles.lineFormats(document);
      for (int p = 0; p < area.getParagraphs().size() && p < now.size(); p++) {
        String style = RichStyles.paragraph(now.get(p));
        if (!style.equals(area.getParagraph(p).getParagraphStyle())) {
          area.setParagraphStyle(p, style);
        }
      }
      if (!now.equals(lines)) {
        lines = now;
        // A new factory makes the area rebuild the list markers.
        area.setParagraphGraphicFactory(this::marker);
      }
    } finally {
      applying = false;
    }
  }

  private javafx.scene.Node marker(int paragraph) {
    if (RichStyles.isChecklist(lines, paragraph)) {
      // A real checkbox: clicking it ticks the item for everyone (a retain over its line end).
      CheckBox box = new CheckBox();
      box.setId("check-" + paragraph);
      box.getStyleClass().add("list-marker");
      box.setSelected(lines.get(paragraph).list() == dev.raftpad.document.op.ListKind.CHECKED);
      box.setFocusTraversable(false);
      box.disableProperty().bind(model.formattingDisabledProperty());
      box.setOnAction(e -> model.toggleChecked(paragraph));
      return box;
    }
    String text = RichStyles.marker(lines, paragraph);
    Label label = new Label(text);
    label.getStyleClass().add("list-marker");
    label.setMinWidth(text.isEmpty() ? 0 : 22);
    return label;
  }

  private void showCarets() {
    carets.show(model.carets(), area.getText());
  }
}
