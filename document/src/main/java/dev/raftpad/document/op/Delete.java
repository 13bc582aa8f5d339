package dev.raftpad.document.op;

/**
 * Remove {@code count} code points.
 *
 * @param count code points removed, at least 1
 */
public record Delete(int count) implements Component {
  /** Validates: a delete removes at least one code point. */
  public Delete {
    if (count <= 0) {
      throw new IllegalArgumentException("delete count must be positive: " + count);
    }
  }

  @Override
  public int length() {
    return count;
  }
}
