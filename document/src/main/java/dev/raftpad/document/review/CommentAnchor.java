package dev.raftpad.document.review;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;

/**
 * The range of text a comment is attached to, in code points of one revision. It moves through
 * every later operation with the rule remote selections use ({@link Selection#transform}: text
 * typed at either edge stays outside), so the server and every client move it alike. When all of
 * its text is deleted the range collapses and the anchor is <em>detached</em> for good: the comment
 * stays, showing the text it was made on.
 *
 * @param start first code point
 * @param end one past the last code point; both 0 once detached
 * @param detached whether the anchored text is gone
 */
public record CommentAnchor(int start, int end, boolean detached) {
  /** Validates the range. */
  public CommentAnchor {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad comment anchor " + start + ".." + end);
    }
    if (!detached && start == end) {
      throw new IllegalArgumentException("a comment is anchored to at least one character");
    }
  }

  /** An attached anchor over [start, end). */
  public static CommentAnchor of(int start, int end) {
    return new CommentAnchor(start, end, false);
  }

  /** The anchor's length in code points (0 once detached). */
  public int length() {
    return end - start;
  }

  /** The anchor of a thread whose text is gone: it has no place in the text any more. */
  public static final CommentAnchor DETACHED = new CommentAnchor(0, 0, true);

  /** This anchor moved through {@code operation}, detached when its text is all deleted. */
  public CommentAnchor transform(Operation operation) {
    if (detached) {
      // A caret's position through concurrent operations depends on how they were split, so a
      // detached anchor keeps none: client and server agree on "nowhere".
      return DETACHED;
    }
    Selection moved = new Selection(start, end).transform(operation);
    return moved.isCaret() ? DETACHED : new CommentAnchor(moved.anchor(), moved.head(), false);
  }
}
