package dev.raftpad.llm.engine;

/**
 * Thrown on the generating thread once it has stopped because its {@link Cancellation} was raised.
 * An exception so that a multi-step task (a chunked summary) unwinds in one go.
 */
public final class GenerationCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The generation stopped on request. */
  public GenerationCancelledException() {
    super("generation cancelled", null, false, false);
  }
}
