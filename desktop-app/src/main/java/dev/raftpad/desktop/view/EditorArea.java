package dev.raftpad.desktop.view;

import dev.raftpad.document.text.Document;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.text.TextFlow;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.StyledTextArea;
import org.fxmisc.richtext.TextExt;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.TextOps;
import org.reactfx.util.Either;

/**
 * The editor's text area: inline-CSS styled text, as RichTextFX's EditorArea, whose segments are
 * either text or an {@link InlineImage} drawn in the line.
 */
final class EditorArea extends GenericStyledArea<String, Either<String, InlineImage>, String> {
  /** Text segments join as usual; an image never joins anything. */
  static final TextOps<Either<String, InlineImage>, String> SEGMENTS =
      SegmentOps.<String>styledTextOps()._or(new InlineImage.Ops(), (a, b) -> Optional.empty());

  /** The document the area shows; set by the editor that binds it. */
  private Supplier<Document> shown = Document::empty;

  /** An area drawing each image segment with {@code images}. */
  EditorArea(Function<InlineImage, Node> images) {
    super(
        "",
        TextFlow::setStyle,
        "",
        SEGMENTS,
        segment ->
            segment
                .getSegment()
                .unify(
                    text ->
                        StyledTextArea.createStyledTextNode(
                            text, segment.getStyle(), TextExt::setStyle),
                    images));
  }

  /**
   * The document whose text the area shows, for position conversions down its rope (see {@link
   * AreaPositions}) instead of through the area's whole text.
   */
  Document shown() {
    return shown.get();
  }

  void showing(Supplier<Document> document) {
    this.shown = document;
  }
}
