package dev.raftpad.llm.task;

/**
 * An input that cannot be processed because it does not fit (the context, or a configured limit).
 *
 * @see dev.raftpad.llm.LlmErrors
 */
public final class InputTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final long limit;
  private final long actual;
  private final String unit;

  /** {@code field} holds {@code actual} {@code unit}s where at most {@code limit} fit. */
  public InputTooLargeException(String field, long limit, long actual, String unit) {
    this(field, limit, actual, unit, "");
  }

  /** As above, with what the caller can do instead (a sentence, or empty). */
  public InputTooLargeException(String field, long limit, long actual, String unit, String advice) {
    super(
        field
            + " is too large: "
            + actual
            + " "
            + unit
            + ", at most "
            + limit
            + " fit"
            + (advice.isEmpty() ? "" : "; " + advice));
    this.field = field;
    this.limit = limit;
    this.actual = actual;
    this.unit = unit;
  }

  /** The request field at fault. */
  public String field() {
    return field;
  }

  /** The most that fits. */
  public long limit() {
    return limit;
  }

  /** What was sent. */
  public long actual() {
    return actual;
  }

  /** What is counted: "tokens" or "characters". */
  public String unit() {
    return unit;
  }
}
