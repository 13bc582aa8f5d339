package dev.raftpad.document.text;

import dev.raftpad.document.op.Attributes;

/**
 * A node of the rope: a leaf holds one run of text with one formatting, a branch two subtrees.
 *
 * <p>Nodes are shared between versions and then never change. The one exception makes the server's
 * log fast: a node created by a {@link DocumentEditor} carries that editor's current owner token,
 * and while the token is unchanged (no snapshot has been taken since), the editor may update the
 * node in place instead of copying it. Taking a snapshot changes the token, so every node reachable
 * from any {@link Document} is immutable from then on.
 */
abstract sealed class RopeNode permits RopeNode.Leaf, RopeNode.Branch {
  /** The editor token that may still change this node in place, or null (never). */
  final Object owner;

  RopeNode(Object owner) {
    this.owner = owner;
  }

  /** Code points below this node. */
  abstract int length();

  /** UTF-16 units below this node (what a Java string or a UI text control counts). */
  abstract int utf16Length();

  /** Line ends ({@code '\n'}) below this node. */
  abstract int lineEnds();

  /** 0 for a leaf; a branch is one more than its taller child (AVL balanced). */
  abstract int height();

  /** Whether an edit by {@code editor} may change this node in place. */
  // Tokens are plain Objects compared by identity: that is their whole point.
  @SuppressWarnings("ReferenceEquality")
  final boolean ownedBy(Object editor) {
    return editor != null && owner == editor;
  }

  /** A run of text with one formatting (at most {@link Rope#MAX_LEAF} code points). */
  static final class Leaf extends RopeNode {
    String text;
    int length;
    final Attributes attributes;

    Leaf(String text, int length, Attributes attributes, Object owner) {
      super(owner);
      this.text = text;
      this.length = length;
      this.attributes = attributes;
    }

    String text() {
      return text;
    }

    @Override
    int length() {
      return length;
    }

    Attributes attributes() {
      return attributes;
    }

    @Override
    int utf16Length() {
      return text.length();
    }

    @Override
    int lineEnds() {
      // A leaf is small (at most MAX_LEAF code points) and may change in place: counted, not kept.
      int count = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          count++;
        }
      }
      return count;
    }

    @Override
    int height() {
      return 0;
    }

    /** The UTF-16 offset of a code-point offset inside this leaf. */
    int utf16(int codePoints) {
      return text.length() == length ? codePoints : text.offsetByCodePoints(0, codePoints);
    }

    /** The code points in [from, to), as a leaf, or null when empty. */
    Leaf slice(int from, int to, Object owner) {
      if (from >= to) {
        return null;
      }
      if (from == 0 && to == length) {
        return this;
      }
      return new Leaf(text.substring(utf16(from), utf16(to)), to - from, attributes, owner);
    }
  }

  /** Two subtrees. */
  static final class Branch extends RopeNode {
    RopeNode left;
    RopeNode right;
    int length;
    int utf16Length;
    int lineEnds;
    int height;

    Branch(RopeNode left, RopeNode right, Object owner) {
      super(owner);
      set(left, right);
    }

    /** Replaces both children (in place: only on a node owned by the editing editor). */
    void set(RopeNode left, RopeNode right) {
      this.left = left;
      this.right = right;
      this.length = left.length() + right.length();
      this.utf16Length = left.utf16Length() + right.utf16Length();
      this.lineEnds = left.lineEnds() + right.lineEnds();
      this.height = Math.max(left.height(), right.height()) + 1;
    }

    RopeNode left() {
      return left;
    }

    RopeNode right() {
      return right;
    }

    @Override
    int length() {
      return length;
    }

    @Override
    int utf16Length() {
      return utf16Length;
    }

    @Override
    int lineEnds() {
      return lineEnds;
    }

    @Override
    int height() {
      return height;
    }
  }
}
