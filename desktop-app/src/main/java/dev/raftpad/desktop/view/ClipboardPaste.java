package dev.raftpad.desktop.view;

import dev.raftpad.desktop.export.HtmlImporter;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.Pasting;
import dev.raftpad.document.op.Operation;
import javafx.scene.input.Clipboard;
import org.fxmisc.richtext.GenericStyledArea;

/**
 * Paste (Ctrl+V): HTML from another application keeps its basic formatting ({@link HtmlImporter}),
 * as one edit at the selection; anything else is the area's plain paste, whose text takes the
 * formatting around it (as Paste without formatting does). Large HTML is read off the FX thread and
 * HTML past {@link #MAX_HTML} is pasted as its text, so no clipboard can hang the window.
 */
final class ClipboardPaste {
  /** Past this many characters of HTML only the clipboard's text is pasted. */
  static final int MAX_HTML = 2_000_000;

  /** From this many characters the HTML is parsed in the background. */
  static final int PARSE_IN_BACKGROUND = 50_000;

  private final EditorViewModel model;
  private final GenericStyledArea<?, ?, ?> area;

  ClipboardPaste(EditorViewModel model, GenericStyledArea<?, ?, ?> area) {
    this.model = model;
    this.area = area;
  }

  void paste() {
    if (!area.isEditable()) {
      return;
    }
    Clipboard clipboard = Clipboard.getSystemClipboard();
    String html = clipboard.hasHtml() ? clipboard.getHtml() : null;
    // Suggesting formats nothing (ADR 0012): the text only, as typed.
    if (html == null || html.length() > MAX_HTML || model.formattingDisabledProperty().get()) {
      area.paste();
      return;
    }
    if (html.length() < PARSE_IN_BACKGROUND) {
      insert(HtmlImporter.read(html));
      return;
    }
    model
        .threads()
        .call(
            () -> HtmlImporter.read(html),
            this::insert,
            failure -> area.paste()); // unreadable HTML: its text is still worth pasting
  }

  /** The content as one edit at the selection (the selection then, if parsed in the background). */
  private void insert(Operation content) {
    if (content.isIdentity() || model.readOnlyProperty().get()) {
      return;
    }
    int areaStart = area.getSelection().getStart();
    model.edit(Pasting.at(model.selection(), content));
    // The caret after what was pasted, as after typing it.
    area.moveTo(Math.min(area.getLength(), areaStart + Pasting.utf16Length(content)));
  }
}
