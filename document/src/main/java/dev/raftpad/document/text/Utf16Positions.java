package dev.raftpad.document.text;

/**
 * Converts between the protocol's positions (Unicode code points) and the UTF-16 offsets that Java
 * strings and UI text controls use. This is the one edge where the two meet; nothing else in the
 * document module counts UTF-16 units.
 */
public final class Utf16Positions {
  private Utf16Positions() {}

  /**
   * The UTF-16 offset in {@code text} of the given code-point position.
   *
   * @throws IndexOutOfBoundsException when the position lies beyond the text
   */
  public static int toUtf16(CharSequence text, int codePointPosition) {
    if (codePointPosition < 0) {
      throw new IndexOutOfBoundsException("negative position " + codePointPosition);
    }
    int offset = 0;
    for (int i = 0; i < codePointPosition; i++) {
      if (offset >= text.length()) {
        throw new IndexOutOfBoundsException(
            "position " + codePointPosition + " beyond a text of " + i + " code points");
      }
      offset +=
          Character.isHighSurrogate(text.charAt(offset))
                  && offset + 1 < text.length()
                  && Character.isLowSurrogate(text.charAt(offset + 1))
              ? 2
              : 1;
    }
    return offset;
  }

  /**
   * The code-point position of a UTF-16 offset. An offset inside a surrogate pair (which a UI caret
   * should never report) is rounded down to the start of that character, so a pair is never split.
   */
  public static int toCodePoints(CharSequence text, int utf16Offset) {
    if (utf16Offset < 0 || utf16Offset > text.length()) {
      throw new IndexOutOfBoundsException(
          "offset " + utf16Offset + " outside a text of " + text.length() + " UTF-16 units");
    }
    int end = utf16Offset;
    if (end > 0
        && end < text.length()
        && Character.isHighSurrogate(text.charAt(end - 1))
        && Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    return Character.codePointCount(text, 0, end);
  }
}
