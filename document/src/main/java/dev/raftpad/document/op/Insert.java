package dev.raftpad.document.op;

/**
 * Add {@code text} formatted with {@code attributes}. Removal values in the attributes are dropped
 * (there is nothing to remove on new text), so equal inserts are equal records.
 *
 * @param text the text added, not empty, any Unicode (counted in code points)
 * @param attributes its formatting, {@link Attributes#NONE} for plain text
 */
public record Insert(String text, Attributes attributes) implements Component {
  /** Validates and drops removal values from the attributes. */
  public Insert {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("insert text must not be empty");
    }
    if (attributes == null) {
      throw new IllegalArgumentException("attributes must not be null; use Attributes.NONE");
    }
    attributes = attributes.withoutRemovals();
  }

  /** Plain text. */
  public Insert(String text) {
    this(text, Attributes.NONE);
  }

  @Override
  public int length() {
    return text.codePointCount(0, text.length());
  }
}
