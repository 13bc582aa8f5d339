package dev.raftpad.desktop.view;

import org.fxmisc.richtext.model.NodeSegmentOpsBase;

/**
 * An image in the text area: a segment of its own standing for one U+FFFC of the document (whose
 * image attribute is {@code id}), so the area's text, positions, caret, selection, deletion and
 * copy treat it as the one character it is.
 */
record InlineImage(String id) {
  /** RichTextFX's empty segment of this kind (no character). */
  static final InlineImage NONE = new InlineImage("");

  /** How RichTextFX measures, cuts and joins image segments: one character each, never joined. */
  static final class Ops extends NodeSegmentOpsBase<InlineImage, String> {
    Ops() {
      super(NONE);
    }

    @Override
    public int length(InlineImage image) {
      return image.id().isEmpty() ? 0 : 1;
    }
  }
}
