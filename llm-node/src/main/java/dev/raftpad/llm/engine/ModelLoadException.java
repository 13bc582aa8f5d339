package dev.raftpad.llm.engine;

/** A model file that llama.cpp (or our own header check) refused; the message says why. */
public final class ModelLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A refusal with its reason. */
  public ModelLoadException(String message) {
    super(message);
  }
}
