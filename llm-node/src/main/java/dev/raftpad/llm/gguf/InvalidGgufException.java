package dev.raftpad.llm.gguf;

/** A file that is not a usable GGUF model; the message says what is wrong, for a person. */
public final class InvalidGgufException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A file rejected for {@code reason}. */
  public InvalidGgufException(String reason) {
    super(reason);
  }
}
