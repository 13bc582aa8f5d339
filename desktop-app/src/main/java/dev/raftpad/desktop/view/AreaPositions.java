package dev.raftpad.desktop.view;

import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Utf16Positions;

/**
 * The desktop's one edge between the text area's UTF-16 offsets and the protocol's code-point
 * positions. Every conversion in the views goes through here (and from here through the document
 * module's {@link Utf16Positions}). With the document the area shows, a conversion walks the
 * document's tree in O(log n) instead of the whole text: what every keystroke and caret move uses.
 */
final class AreaPositions {
  private AreaPositions() {}

  /** The area offset of a code-point position of {@code shown}, the area's document; clamped. */
  static int toArea(Document shown, int codePoints) {
    return shown.toUtf16(Math.max(0, Math.min(codePoints, shown.length())));
  }

  /**
   * The code-point position of an area offset, {@code shown} being the area's document; clamped.
   */
  static int fromArea(Document shown, int utf16) {
    return shown.toCodePoints(Math.max(0, Math.min(utf16, shown.utf16Length())));
  }

  /**
   * The UTF-16 offset of a code-point position within one line's text (spelling, menus), clamped to
   * the line.
   */
  static int toArea(CharSequence line, int codePoints) {
    return Utf16Positions.toUtf16(line, Math.max(0, Math.min(codePoints, length(line))));
  }

  /** The code-point position of a UTF-16 offset within one line's text, clamped to the line. */
  static int fromArea(CharSequence line, int utf16) {
    return Utf16Positions.toCodePoints(line, Math.max(0, Math.min(utf16, line.length())));
  }

  /** How many code points a piece of text the area reported holds. */
  static int length(CharSequence text) {
    return Utf16Positions.toCodePoints(text, text.length());
  }
}
