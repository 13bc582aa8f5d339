package dev.raftpad.document.text;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.text.RopeNode.Branch;
import dev.raftpad.document.text.RopeNode.Leaf;

/**
 * Formatted text as a persistent, AVL-balanced rope of runs. Every edit is O(log n) plus the size
 * of one leaf and returns a new rope sharing all untouched nodes with the old one, so a keystroke
 * in a 100,000-character document copies a few hundred characters, and keeping an old version (a
 * history checkpoint) costs nothing.
 */
final class Rope {
  /**
   * The most code points a leaf holds: small enough to copy per keystroke, big enough to be few.
   */
  static final int MAX_LEAF = 128;

  static final Rope EMPTY = new Rope(null);

  private final RopeNode root;

  private Rope(RopeNode root) {
    this.root = root;
  }

  int length() {
    return root == null ? 0 : root.length();
  }

  RopeNode root() {
    return root;
  }

  Rope insert(int position, String text, Attributes attributes) {
    checkRange(position, 0);
    if (text.isEmpty()) {
      return this;
    }
    return new Rope(
        insert(root, position, text, text.codePointCount(0, text.length()), attributes));
  }

  Rope delete(int position, int count) {
    checkRange(position, count);
    return count == 0 ? this : new Rope(delete(root, position, count));
  }

  /** The text in [position, position + count) reformatted by {@code change}. */
  Rope format(int position, int count, Attributes change) {
    checkRange(position, count);
    return count == 0 || change.isEmpty() ? this : new Rope(format(root, position, count, change));
  }

  /** Visits the runs covering [position, position + count), in order, cut to that range. */
  void forEachRun(int position, int count, RunVisitor visitor) {
    checkRange(position, count);
    visit(root, position, position + count, visitor);
  }

  /** Receives runs of text with one formatting. */
  @FunctionalInterface
  interface RunVisitor {
    void run(String text, int length, Attributes attributes);
  }

  private void checkRange(int position, int count) {
    if (position < 0 || count < 0 || position > length() - count) {
      throw new IndexOutOfBoundsException(
          "range " + position + "+" + count + " outside a text of " + length() + " code points");
    }
  }

  private static RopeNode insert(
      RopeNode node, int position, String text, int textLength, Attributes attributes) {
    if (node == null) {
      return leaves(text, textLength, attributes);
    }
    if (node instanceof Branch branch) {
      int leftLength = branch.left().length();
      return position <= leftLength
          ? join(insert(branch.left(), position, text, textLength, attributes), branch.right())
          : join(
              branch.left(),
              insert(branch.right(), position - leftLength, text, textLength, attributes));
    }
    Leaf leaf = (Leaf) node;
    if (leaf.attributes().equals(attributes) && leaf.length() + textLength <= MAX_LEAF) {
      int at = leaf.utf16(position);
      String old = leaf.text();
      String joined =
          new StringBuilder(old.length() + text.length())
              .append(old, 0, at)
              .append(text)
              .append(old, at, old.length())
              .toString();
      return new Leaf(joined, leaf.length() + textLength, attributes);
    }
    return join(
        join(leaf.slice(0, position), leaves(text, textLength, attributes)),
        leaf.slice(position, leaf.length()));
  }

  private static RopeNode delete(RopeNode node, int position, int count) {
    if (position == 0 && count == node.length()) {
      return null;
    }
    if (node instanceof Branch branch) {
      RopeNode left = branch.left();
      int leftLength = left.length();
      if (position + count <= leftLength) {
        return join(delete(left, position, count), branch.right());
      }
      if (position >= leftLength) {
        return join(left, delete(branch.right(), position - leftLength, count));
      }
      int fromLeft = leftLength - position;
      return join(delete(left, position, fromLeft), delete(branch.right(), 0, count - fromLeft));
    }
    Leaf leaf = (Leaf) node;
    String text = leaf.text();
    return new Leaf(
        text.substring(0, leaf.utf16(position)) + text.substring(leaf.utf16(position + count)),
        leaf.length() - count,
        leaf.attributes());
  }

  // Identity on purpose: an unchanged subtree comes back as the same object, and is then shared.
  @SuppressWarnings("ReferenceEquality")
  private static RopeNode format(RopeNode node, int position, int count, Attributes change) {
    if (node instanceof Branch branch) {
      RopeNode left = branch.left();
      int leftLength = left.length();
      int end = position + count;
      RopeNode newLeft =
          position < leftLength
              ? format(left, position, Math.min(end, leftLength) - position, change)
              : left;
      RopeNode newRight =
          end > leftLength
              ? format(
                  branch.right(),
                  Math.max(position - leftLength, 0),
                  end - Math.max(position, leftLength),
                  change)
              : branch.right();
      return newLeft == left && newRight == branch.right() ? node : join(newLeft, newRight);
    }
    Leaf leaf = (Leaf) node;
    Attributes formatted = Attributes.compose(leaf.attributes(), change, false);
    if (formatted.equals(leaf.attributes())) {
      return leaf;
    }
    Leaf middle = leaf.slice(position, position + count);
    Leaf changed = new Leaf(middle.text(), middle.length(), formatted);
    return join(
        join(leaf.slice(0, position), changed), leaf.slice(position + count, leaf.length()));
  }

  private static void visit(RopeNode node, int from, int to, RunVisitor visitor) {
    if (node == null || from >= to) {
      return;
    }
    if (node instanceof Branch branch) {
      int leftLength = branch.left().length();
      if (from < leftLength) {
        visit(branch.left(), from, Math.min(to, leftLength), visitor);
      }
      if (to > leftLength) {
        visit(branch.right(), Math.max(from - leftLength, 0), to - leftLength, visitor);
      }
      return;
    }
    Leaf piece = ((Leaf) node).slice(from, to);
    visitor.run(piece.text(), piece.length(), piece.attributes());
  }

  /** A balanced tree of leaves holding {@code text}, cut at code-point boundaries. */
  private static RopeNode leaves(String text, int length, Attributes attributes) {
    if (length <= MAX_LEAF) {
      return new Leaf(text, length, attributes);
    }
    int half = length / 2;
    int cut = text.offsetByCodePoints(0, half);
    return join(
        leaves(text.substring(0, cut), half, attributes),
        leaves(text.substring(cut), length - half, attributes));
  }

  /** The concatenation of two balanced trees, balanced (AVL join along the taller one's spine). */
  static RopeNode join(RopeNode left, RopeNode right) {
    if (left == null) {
      return right;
    }
    if (right == null) {
      return left;
    }
    int leftHeight = left.height();
    int rightHeight = right.height();
    if (leftHeight > rightHeight + 1) {
      Branch branch = (Branch) left;
      return balance(branch.left(), join(branch.right(), right));
    }
    if (rightHeight > leftHeight + 1) {
      Branch branch = (Branch) right;
      return balance(join(left, branch.left()), branch.right());
    }
    if (left instanceof Leaf a
        && right instanceof Leaf b
        && a.attributes().equals(b.attributes())
        && a.length() + b.length() <= MAX_LEAF) {
      // Keep small neighbouring runs of one formatting in one leaf, so deletes do not fragment.
      return new Leaf(a.text() + b.text(), a.length() + b.length(), a.attributes());
    }
    return new Branch(left, right);
  }

  /** A branch over two trees whose heights differ by at most two, rotated back into balance. */
  private static RopeNode balance(RopeNode left, RopeNode right) {
    int leftHeight = left.height();
    int rightHeight = right.height();
    if (leftHeight > rightHeight + 1) {
      Branch l = (Branch) left;
      if (l.left().height() >= l.right().height()) {
        return new Branch(l.left(), new Branch(l.right(), right));
      }
      Branch lr = (Branch) l.right();
      return new Branch(new Branch(l.left(), lr.left()), new Branch(lr.right(), right));
    }
    if (rightHeight > leftHeight + 1) {
      Branch r = (Branch) right;
      if (r.right().height() >= r.left().height()) {
        return new Branch(new Branch(left, r.left()), r.right());
      }
      Branch rl = (Branch) r.left();
      return new Branch(new Branch(left, rl.left()), new Branch(rl.right(), r.right()));
    }
    return new Branch(left, right);
  }
}
