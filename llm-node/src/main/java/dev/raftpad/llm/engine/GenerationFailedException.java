package dev.raftpad.llm.engine;

/** llama.cpp refused or failed a generation; the message is llama.cpp's own. */
public final class GenerationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with llama.cpp's explanation. */
  public GenerationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
