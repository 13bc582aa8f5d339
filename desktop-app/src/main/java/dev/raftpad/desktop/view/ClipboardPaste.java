package dev.raftpad.desktop.view;

import dev.raftpad.desktop.export.CopiedPassage;
import dev.raftpad.desktop.export.DocumentPictures;
import dev.raftpad.desktop.export.HtmlImporter;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.PastedImages;
import dev.raftpad.desktop.viewmodel.Pasting;
import dev.raftpad.document.op.Operation;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.input.Clipboard;
import org.fxmisc.richtext.GenericStyledArea;

/**
 * Paste (Ctrl+V): a passage copied in Raftpad pastes exactly ({@link ClipboardCopy#PASSAGE}:
 * formats and images, whichever document it came from); HTML from another application keeps its
 * basic formatting and its data-URI images ({@link HtmlImporter}); either is one edit at the
 * selection, after the images it holds are in this document's store ({@link PastedImages}).
 * Anything else is the area's plain paste, whose text takes the formatting around it (as Paste
 * without formatting does). Large HTML is read off the FX thread and HTML past {@link #MAX_HTML} is
 * pasted as its text, so no clipboard can hang the window.
 */
final class ClipboardPaste {
  /**
   * Past this many characters of HTML only the clipboard's text is pasted: room for a few images at
   * the largest a request carries (8 MB, a third more as base64).
   */
  static final int MAX_HTML = 24_000_000;

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
    // Suggesting formats nothing and inserts no image (ADR 0012): the text only, as typed.
    if (model.formattingDisabledProperty().get()) {
      area.paste();
      return;
    }
    Clipboard clipboard = Clipboard.getSystemClipboard();
    Optional<CopiedPassage> passage = passage(clipboard);
    if (passage.isPresent()) {
      paste(
          new PastedImages.Paste(
              passage.get().content(),
              DocumentPictures.NONE,
              Optional.of(passage.get().documentId())));
      return;
    }
    String html = clipboard.hasHtml() ? clipboard.getHtml() : null;
    if (html == null || html.length() > MAX_HTML) {
      area.paste();
      return;
    }
    if (html.length() < PARSE_IN_BACKGROUND) {
      paste(fromHtml(html));
      return;
    }
    model
        .threads()
        .call(
            () -> fromHtml(html),
            this::paste,
            failure -> area.paste()); // unreadable HTML: its text is still worth pasting
  }

  /** Raftpad's own passage on the clipboard, if it holds one this Raftpad reads. */
  private static Optional<CopiedPassage> passage(Clipboard clipboard) {
    if (!(clipboard.getContent(ClipboardCopy.PASSAGE) instanceof ByteBuffer buffer)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CopiedPassage.decode(ClipboardCopy.bytes(buffer)));
    } catch (IllegalArgumentException e) {
      // Another version's or a damaged passage: the HTML and text beside it still paste.
      return Optional.empty();
    }
  }

  /** What HTML from another application pastes as: its text and basic formatting, its images. */
  static PastedImages.Paste fromHtml(String html) {
    Map<String, DocumentPictures.Picture> pictures = new HashMap<>();
    Operation content = HtmlImporter.read(html, pictures);
    return new PastedImages.Paste(content, new DocumentPictures(pictures), Optional.empty());
  }

  private void paste(PastedImages.Paste paste) {
    PastedImages.prepare(model, paste, this::insert);
  }

  /** The content as one edit at the selection (the selection then, if images were added first). */
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
