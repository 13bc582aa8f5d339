package dev.raftpad.document.text;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.text.RopeNode.Branch;
import dev.raftpad.document.text.RopeNode.Leaf;

/**
 * Look-ups down the rope's tree by the counts every node keeps (code points, UTF-16 units, line
 * ends): O(log n) plus one leaf, never the whole text. A UI that shows a large document converts
 * positions and finds lines with these on every keystroke.
 */
final class RopeIndex {
  private RopeIndex() {}

  /** The UTF-16 offset of code-point {@code position} (0 ≤ position ≤ length). */
  static int toUtf16(RopeNode node, int position) {
    int offset = 0;
    while (node instanceof Branch branch) {
      int leftLength = branch.left.length();
      if (position <= leftLength) {
        node = branch.left;
      } else {
        offset += branch.left.utf16Length();
        position -= leftLength;
        node = branch.right;
      }
    }
    return node == null ? offset : offset + ((Leaf) node).utf16(position);
  }

  /**
   * The code-point position of UTF-16 {@code offset} (0 ≤ offset ≤ UTF-16 length); an offset inside
   * a surrogate pair is rounded down to the start of that character.
   */
  static int toCodePoints(RopeNode node, int offset) {
    int position = 0;
    while (node instanceof Branch branch) {
      int leftUnits = branch.left.utf16Length();
      if (offset <= leftUnits) {
        node = branch.left;
      } else {
        position += branch.left.length();
        offset -= leftUnits;
        node = branch.right;
      }
    }
    return node == null
        ? position
        : position + Utf16Positions.toCodePoints(((Leaf) node).text(), offset);
  }

  /** How many line ends lie before code-point {@code position}. */
  static int lineEndsBefore(RopeNode node, int position) {
    int count = 0;
    while (node instanceof Branch branch) {
      int leftLength = branch.left.length();
      if (position <= leftLength) {
        node = branch.left;
      } else {
        count += branch.left.lineEnds();
        position -= leftLength;
        node = branch.right;
      }
    }
    if (node == null) {
      return count;
    }
    String text = ((Leaf) node).text();
    int end = ((Leaf) node).utf16(position);
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  /** The code-point position of the {@code n}-th line end (1 ≤ n ≤ line ends). */
  static int lineEnd(RopeNode node, int n) {
    int position = 0;
    while (node instanceof Branch branch) {
      int leftEnds = branch.left.lineEnds();
      if (n <= leftEnds) {
        node = branch.left;
      } else {
        position += branch.left.length();
        n -= leftEnds;
        node = branch.right;
      }
    }
    String text = ((Leaf) node).text();
    int codePoint = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' && --n == 0) {
        return position + codePoint;
      }
      if (!Character.isLowSurrogate(c)
          || i == 0
          || !Character.isHighSurrogate(text.charAt(i - 1))) {
        codePoint++;
      }
    }
    throw new IndexOutOfBoundsException("no such line end");
  }

  /** The formatting of the code point at {@code position} (0 ≤ position < length). */
  static Attributes attributesAt(RopeNode node, int position) {
    while (node instanceof Branch branch) {
      int leftLength = branch.left.length();
      if (position < leftLength) {
        node = branch.left;
      } else {
        position -= leftLength;
        node = branch.right;
      }
    }
    return ((Leaf) node).attributes();
  }
}
