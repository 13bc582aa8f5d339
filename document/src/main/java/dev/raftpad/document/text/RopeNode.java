package dev.raftpad.document.text;

import dev.raftpad.document.op.Attributes;

/**
 * A node of the persistent rope: a leaf holds one run of text with one formatting, a branch two
 * subtrees. Nodes are immutable; an edit copies only the path from the root to the change.
 */
sealed interface RopeNode permits RopeNode.Leaf, RopeNode.Branch {
  /** Code points below this node. */
  int length();

  /** 0 for a leaf; a branch is one more than its taller child (AVL balanced). */
  int height();

  /**
   * A run of text with one formatting.
   *
   * @param text the text, at most {@link Rope#MAX_LEAF} code points
   * @param length its length in code points
   * @param attributes its formatting (never removal values)
   */
  record Leaf(String text, int length, Attributes attributes) implements RopeNode {
    @Override
    public int height() {
      return 0;
    }

    /** The UTF-16 offset of a code-point offset inside this leaf. */
    int utf16(int codePoints) {
      return text.length() == length ? codePoints : text.offsetByCodePoints(0, codePoints);
    }

    /** The code points in [from, to), as a leaf, or null when empty. */
    Leaf slice(int from, int to) {
      if (from >= to) {
        return null;
      }
      if (from == 0 && to == length) {
        return this;
      }
      return new Leaf(text.substring(utf16(from), utf16(to)), to - from, attributes);
    }
  }

  /**
   * Two subtrees.
   *
   * @param left the first part
   * @param right the second part
   * @param length code points in both
   * @param height one more than the taller child
   */
  record Branch(RopeNode left, RopeNode right, int length, int height) implements RopeNode {
    Branch(RopeNode left, RopeNode right) {
      this(
          left, right, left.length() + right.length(), Math.max(left.height(), right.height()) + 1);
    }
  }
}
