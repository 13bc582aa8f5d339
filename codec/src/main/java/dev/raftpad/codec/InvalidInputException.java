package dev.raftpad.codec;

/** A request field that is not acceptable; becomes INVALID_ARGUMENT with reason INVALID_FIELD. */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidInputException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
