package dev.raftpad.llm;

/** A request field that is missing or malformed. */
final class InvalidRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  InvalidRequestException(String field, String problem) {
    super(problem);
    this.field = field;
  }

  String field() {
    return field;
  }
}
