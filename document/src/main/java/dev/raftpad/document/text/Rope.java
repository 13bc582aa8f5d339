package dev.raftpad.document.text;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.text.RopeNode.Branch;
import dev.raftpad.document.text.RopeNode.Leaf;

/**
 * Formatted text as a persistent, AVL-balanced rope of runs. Every edit is O(log n) plus the size
 * of one leaf and returns a new rope sharing all untouched nodes with the old one, so a keystroke
 * in a 100,000-character document copies a few hundred characters, and keeping an old version (a
 * history checkpoint) costs nothing.
 *
 * <p>The static edit functions take an {@code owner}: null for a persistent edit (copy the path),
 * or a {@link DocumentEditor}'s token, which lets them update nodes that editor created since its
 * last snapshot in place (see {@link RopeNode}).
 */
final class Rope {
  /**
   * The most code points a leaf holds: small enough to copy per keystroke, big enough to be few.
   */
  static final int MAX_LEAF = 128;

  static final Rope EMPTY = new Rope(null);

  private final RopeNode root;

  Rope(RopeNode root) {
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
    return new Rope(insert(root, position, text, attributes, null));
  }

  Rope delete(int position, int count) {
    checkRange(position, count);
    return count == 0 ? this : new Rope(delete(root, position, count, null));
  }

  /** The text in [position, position + count) reformatted by {@code change}. */
  Rope format(int position, int count, Attributes change) {
    checkRange(position, count);
    return count == 0 || change.isEmpty()
        ? this
        : new Rope(format(root, position, count, change, null));
  }

  /** {@code text} inserted into the tree {@code root} at {@code position}. */
  static RopeNode insert(
      RopeNode root, int position, String text, Attributes attributes, Object owner) {
    return text.isEmpty()
        ? root
        : insert(root, position, text, text.codePointCount(0, text.length()), attributes, owner);
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
    checkRange(root, position, count);
  }

  static void checkRange(RopeNode root, int position, int count) {
    int length = root == null ? 0 : root.length();
    if (position < 0 || count < 0 || position > length - count) {
      throw new IndexOutOfBoundsException(
          "range " + position + "+" + count + " outside a text of " + length + " code points");
    }
  }

  private static RopeNode insert(
      RopeNode node,
      int position,
      String text,
      int textLength,
      Attributes attributes,
      Object owner) {
    if (node == null) {
      return leaves(text, textLength, attributes, owner);
    }
    if (node instanceof Branch branch) {
      RopeNode left = branch.left;
      RopeNode right = branch.right;
      int leftLength = left.length();
      return position <= leftLength
          ? replace(
              branch, insert(left, position, text, textLength, attributes, owner), right, owner)
          : replace(
              branch,
              left,
              insert(right, position - leftLength, text, textLength, attributes, owner),
              owner);
    }
    Leaf leaf = (Leaf) node;
    if (leaf.attributes.equals(attributes) && leaf.length + textLength <= MAX_LEAF) {
      int at = leaf.utf16(position);
      String old = leaf.text;
      String joined =
          at == old.length()
              ? old.concat(text)
              : new StringBuilder(old.length() + text.length())
                  .append(old, 0, at)
                  .append(text)
                  .append(old, at, old.length())
                  .toString();
      if (leaf.ownedBy(owner)) {
        leaf.text = joined;
        leaf.length += textLength;
        return leaf;
      }
      return new Leaf(joined, leaf.length + textLength, attributes, owner);
    }
    return join(
        join(leaf.slice(0, position, owner), leaves(text, textLength, attributes, owner), owner),
        leaf.slice(position, leaf.length, owner),
        owner);
  }

  /** {@code count} code points deleted from the tree {@code root} at {@code position}. */
  static RopeNode delete(RopeNode node, int position, int count, Object owner) {
    if (position == 0 && count == node.length()) {
      return null;
    }
    if (node instanceof Branch branch) {
      RopeNode left = branch.left;
      RopeNode right = branch.right;
      int leftLength = left.length();
      if (position + count <= leftLength) {
        return replace(branch, delete(left, position, count, owner), right, owner);
      }
      if (position >= leftLength) {
        return replace(branch, left, delete(right, position - leftLength, count, owner), owner);
      }
      int fromLeft = leftLength - position;
      return join(
          delete(left, position, fromLeft, owner),
          delete(right, 0, count - fromLeft, owner),
          owner);
    }
    Leaf leaf = (Leaf) node;
    String text = leaf.text;
    String remaining =
        text.substring(0, leaf.utf16(position)) + text.substring(leaf.utf16(position + count));
    if (leaf.ownedBy(owner)) {
      leaf.text = remaining;
      leaf.length -= count;
      return leaf;
    }
    return new Leaf(remaining, leaf.length - count, leaf.attributes, owner);
  }

  /** The text in [position, position + count) of the tree {@code node} reformatted. */
  static RopeNode format(RopeNode node, int position, int count, Attributes change, Object owner) {
    if (node instanceof Branch branch) {
      RopeNode left = branch.left;
      RopeNode right = branch.right;
      int leftLength = left.length();
      int end = position + count;
      RopeNode newLeft =
          position < leftLength
              ? format(left, position, Math.min(end, leftLength) - position, change, owner)
              : left;
      RopeNode newRight =
          end > leftLength
              ? format(
                  right,
                  Math.max(position - leftLength, 0),
                  end - Math.max(position, leftLength),
                  change,
                  owner)
              : right;
      return replace(branch, newLeft, newRight, owner);
    }
    Leaf leaf = (Leaf) node;
    Attributes formatted = Attributes.compose(leaf.attributes, change, false);
    if (formatted.equals(leaf.attributes)) {
      return leaf;
    }
    Leaf middle = leaf.slice(position, position + count, owner);
    Leaf changed = new Leaf(middle.text, middle.length, formatted, owner);
    return join(
        join(leaf.slice(0, position, owner), changed, owner),
        leaf.slice(position + count, leaf.length, owner),
        owner);
  }

  /**
   * The branch with new children: the same node when nothing changed, the node updated in place
   * when the editor owns it and the children are still balanced, otherwise a balanced join. (A
   * child changed in place is always owned, and so is its parent: nodes from before the editor's
   * last snapshot never get owned children.)
   */
  // Identity on purpose: an unchanged child comes back as the same object, and is then shared.
  @SuppressWarnings("ReferenceEquality")
  private static RopeNode replace(Branch branch, RopeNode left, RopeNode right, Object owner) {
    if (left == branch.left && right == branch.right && !branch.ownedBy(owner)) {
      return branch;
    }
    // The same children may still have grown or shrunk in place: an owned branch keeps them only
    // while they are within balance, or the tree degenerates one in-place edit at a time.
    if (branch.ownedBy(owner)
        && left != null
        && right != null
        && Math.abs(left.height() - right.height()) <= 1) {
      branch.set(left, right);
      return branch;
    }
    return join(left, right, owner);
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
    Leaf piece = ((Leaf) node).slice(from, to, null);
    visitor.run(piece.text(), piece.length(), piece.attributes());
  }

  /** A balanced tree of leaves holding {@code text}, cut at code-point boundaries. */
  private static RopeNode leaves(String text, int length, Attributes attributes, Object owner) {
    if (length <= MAX_LEAF) {
      return new Leaf(text, length, attributes, owner);
    }
    int half = length / 2;
    int cut = text.offsetByCodePoints(0, half);
    return join(
        leaves(text.substring(0, cut), half, attributes, owner),
        leaves(text.substring(cut), length - half, attributes, owner),
        owner);
  }

  /** The concatenation of two balanced trees, balanced (AVL join along the taller one's spine). */
  static RopeNode join(RopeNode left, RopeNode right, Object owner) {
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
      return balance(branch.left, join(branch.right, right, owner), owner);
    }
    if (rightHeight > leftHeight + 1) {
      Branch branch = (Branch) right;
      return balance(join(left, branch.left, owner), branch.right, owner);
    }
    if (left instanceof Leaf a
        && right instanceof Leaf b
        && a.attributes.equals(b.attributes)
        && a.length + b.length <= MAX_LEAF) {
      // Keep small neighbouring runs of one formatting in one leaf, so deletes do not fragment.
      return new Leaf(a.text + b.text, a.length + b.length, a.attributes, owner);
    }
    return new Branch(left, right, owner);
  }

  /** A branch over two trees whose heights differ by at most two, rotated back into balance. */
  private static RopeNode balance(RopeNode left, RopeNode right, Object owner) {
    int leftHeight = left.height();
    int rightHeight = right.height();
    if (leftHeight > rightHeight + 1) {
      Branch l = (Branch) left;
      if (l.left.height() >= l.right.height()) {
        return new Branch(l.left, new Branch(l.right, right, owner), owner);
      }
      Branch lr = (Branch) l.right;
      return new Branch(
          new Branch(l.left, lr.left, owner), new Branch(lr.right, right, owner), owner);
    }
    if (rightHeight > leftHeight + 1) {
      Branch r = (Branch) right;
      if (r.right.height() >= r.left.height()) {
        return new Branch(new Branch(left, r.left, owner), r.right, owner);
      }
      Branch rl = (Branch) r.left;
      return new Branch(
          new Branch(left, rl.left, owner), new Branch(rl.right, r.right, owner), owner);
    }
    return new Branch(left, right, owner);
  }
}
