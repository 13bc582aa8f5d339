package dev.raftpad.desktop.view;

import dev.raftpad.desktop.export.CopiedPassage;
import dev.raftpad.desktop.export.DocumentPictures;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.Pasting;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;

/**
 * Copy and Cut (Ctrl+C, Ctrl+X, the menus): the selection goes to the clipboard as Raftpad's own
 * passage (exact: formats and images by id, pasted by {@link ClipboardPaste}), as HTML for other
 * applications (images embedded) and as plain text (images left out). Image bytes come from the
 * editor's image source: those it has already answer at once; the others are loaded, and the HTML
 * is put again with them if the clipboard still holds this copy. A long passage's HTML is built on
 * the analysis thread and added the same way: its text and own form are there at once.
 */
final class ClipboardCopy {
  /** Raftpad's own clipboard form ({@link CopiedPassage#encode()}). */
  static final DataFormat PASSAGE = passageFormat();

  /**
   * A passage longer than this (code points) gets its HTML built off the FX thread: for a whole
   * book that is a few hundred milliseconds (docs/benchmarks.md), a visible stall at Ctrl+C.
   */
  static final int HTML_IN_PLACE_LIMIT = 20_000;

  private final EditorViewModel model;
  private final EditorArea area;

  ClipboardCopy(EditorViewModel model, EditorArea area) {
    this.model = model;
    this.area = area;
  }

  /** Puts the selection on the clipboard; nothing when nothing is selected. */
  void copy() {
    Document shown = model.document();
    int start = AreaPositions.fromArea(shown, area.getSelection().getStart());
    int end = AreaPositions.fromArea(shown, area.getSelection().getEnd());
    if (end > start) {
      new Copy(CopiedPassage.of(model.documentId(), shown, start, end)).put();
    }
  }

  /** Copies the selection, then deletes it as one undoable edit (read-only: copies only). */
  void cut() {
    copy();
    if (!area.isEditable() || area.getSelection().getLength() == 0) {
      return;
    }
    Document shown = model.document();
    int areaStart = area.getSelection().getStart();
    Selection selected =
        new Selection(
            AreaPositions.fromArea(shown, areaStart),
            AreaPositions.fromArea(shown, area.getSelection().getEnd()));
    // The caret where the text was, before the edit moves the area's text under the selection.
    model.selectionChanged(Selection.caret(selected.anchor()));
    model.edit(Pasting.at(selected, Operation.IDENTITY));
    area.moveTo(Math.min(area.getLength(), areaStart));
  }

  /** One copy: its images' bytes as they answer, and whether it is on the clipboard yet. */
  private final class Copy {
    private final CopiedPassage passage;
    private final byte[] encoded;
    private final boolean htmlInBackground;

    /** The passage's text, made once for a long passage's two puts; null until then. */
    private String text;

    private final Map<String, DocumentPictures.Picture> pictures = new HashMap<>();
    private int waiting;
    private boolean onClipboard;

    Copy(CopiedPassage passage) {
      this.passage = passage;
      this.encoded = passage.encode();
      this.htmlInBackground = passage.content().lengthChange() > HTML_IN_PLACE_LIMIT;
    }

    void put() {
      Set<String> ids = passage.imageIds();
      waiting = ids.size();
      for (String id : ids) {
        // A cached image answers at once, before the first put; one loaded later, on the FX thread.
        model
            .images()
            .load(
                id,
                data -> {
                  pictures.put(id, new DocumentPictures.Picture(data.mediaType(), data.bytes()));
                  answered();
                },
                failure -> answered()); // its HTML says "[image]"; the own form still has it
      }
      onClipboard = true;
      if (!htmlInBackground) {
        Clipboard.getSystemClipboard().setContent(content());
        return;
      }
      // A paste in Raftpad (the own form) or as text has what it needs at once; other
      // applications get the HTML a moment later.
      text = passage.plainText();
      Clipboard.getSystemClipboard().setContent(clipboardContent(text, null, encoded));
      if (waiting == 0) {
        putHtmlWhenBuilt();
      }
    }

    /** Once every image answered after the first put, the HTML is put again with them all. */
    private void answered() {
      waiting--;
      if (waiting != 0 || !onClipboard) {
        return;
      }
      if (htmlInBackground) {
        putHtmlWhenBuilt();
      } else if (holds(encoded)) {
        Clipboard.getSystemClipboard().setContent(content());
      }
    }

    /** Builds the HTML on the analysis thread and adds it, unless something else was copied. */
    private void putHtmlWhenBuilt() {
      DocumentPictures images = new DocumentPictures(Map.copyOf(pictures));
      model
          .threads()
          .compute(
              () -> passage.html(images),
              html -> {
                if (holds(encoded)) {
                  Clipboard.getSystemClipboard().setContent(clipboardContent(text, html, encoded));
                }
              },
              failure -> {}); // building is pure; the text and the own form are on the clipboard
    }

    private ClipboardContent content() {
      return contentOf(passage, encoded, new DocumentPictures(pictures));
    }
  }

  /**
   * What a copy puts on the clipboard: the text and its HTML, for other applications, and Raftpad's
   * own form ({@link #PASSAGE}, {@code encoded}), which a paste in Raftpad prefers.
   */
  static ClipboardContent contentOf(
      CopiedPassage passage, byte[] encoded, DocumentPictures pictures) {
    return clipboardContent(passage.plainText(), passage.html(pictures), encoded);
  }

  /** The clipboard's content; without HTML when {@code html} is null. */
  private static ClipboardContent clipboardContent(String text, String html, byte[] encoded) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    if (html != null) {
      content.putHtml(html);
    }
    content.put(PASSAGE, ByteBuffer.wrap(encoded));
    return content;
  }

  /** Whether the clipboard still holds this copy (nothing else was copied since). */
  private static boolean holds(byte[] encoded) {
    Object held = Clipboard.getSystemClipboard().getContent(PASSAGE);
    return held instanceof ByteBuffer buffer && Arrays.equals(bytes(buffer), encoded);
  }

  /** The bytes of a clipboard value of the {@link #PASSAGE} format. */
  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    view.rewind();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }

  /** One format per JVM: JavaFX refuses a second with the same name. */
  private static DataFormat passageFormat() {
    String mime = "application/x-raftpad-passage";
    DataFormat known = DataFormat.lookupMimeType(mime);
    return known != null ? known : new DataFormat(mime);
  }
}
