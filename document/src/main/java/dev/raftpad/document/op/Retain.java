package dev.raftpad.document.op;

/**
 * Keep {@code count} code points, changing their formatting by {@code attributes} (see {@link
 * Attributes} for how a retain sets and removes).
 *
 * @param count code points kept, at least 1
 * @param attributes the formatting change, {@link Attributes#NONE} for none
 */
public record Retain(int count, Attributes attributes) implements Component {
  /** Validates: a retain keeps at least one code point. */
  public Retain {
    if (count <= 0) {
      throw new IllegalArgumentException("retain count must be positive: " + count);
    }
    if (attributes == null) {
      throw new IllegalArgumentException("attributes must not be null; use Attributes.NONE");
    }
  }

  @Override
  public int length() {
    return count;
  }
}
