package dev.raftpad.document.op;

/**
 * A caret ({@code anchor == head}) or a selection, in code points of one revision of a document.
 * Remote carets are moved through every operation applied after that revision with {@link
 * #transform}.
 *
 * @param anchor where the selection started
 * @param head where it ends (the caret)
 */
public record Selection(int anchor, int head) {
  /** Validates: positions are not negative. */
  public Selection {
    if (anchor < 0 || head < 0) {
      throw new IllegalArgumentException("negative selection " + anchor + ".." + head);
    }
  }

  /** A caret at {@code position}. */
  public static Selection caret(int position) {
    return new Selection(position, position);
  }

  /** Whether this is a caret rather than a range. */
  public boolean isCaret() {
    return anchor == head;
  }

  /**
   * This selection moved through {@code operation}. Text inserted exactly at a caret lands before
   * it (the caret of someone else stays after the text that appeared at it, as in Google Docs); a
   * range does not grow to take in text inserted at its edges.
   */
  public Selection transform(Operation operation) {
    if (isCaret()) {
      return caret(operation.transformPosition(anchor, false));
    }
    int start = Math.min(anchor, head);
    int end = Math.max(anchor, head);
    int newStart = operation.transformPosition(start, false);
    int newEnd = Math.max(newStart, operation.transformPosition(end, true));
    return anchor <= head ? new Selection(newStart, newEnd) : new Selection(newEnd, newStart);
  }

  /** This selection limited to a document of {@code length} code points. */
  public Selection clamp(int length) {
    return new Selection(Math.min(anchor, length), Math.min(head, length));
  }
}
