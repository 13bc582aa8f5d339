package dev.raftpad.llm.engine;

/**
 * How llama.cpp runs a model.
 *
 * @param contextSize the context in tokens, split evenly among the slots
 * @param parallelSlots how many generations run at once
 * @param threads CPU threads for generation and prompt processing
 * @param nativeLog whether llama.cpp prints its own log (a few lines per request) on the console
 */
public record EngineOptions(int contextSize, int parallelSlots, int threads, boolean nativeLog) {
  /** Checks the values. */
  public EngineOptions {
    if (parallelSlots < 1 || threads < 1) {
      throw new IllegalArgumentException("slots and threads must be positive");
    }
    if (contextSize / parallelSlots < MIN_CONTEXT_PER_SLOT) {
      throw new IllegalArgumentException(
          "context size "
              + contextSize
              + " gives each of "
              + parallelSlots
              + " slots fewer than "
              + MIN_CONTEXT_PER_SLOT
              + " tokens");
    }
  }

  /** Below this a prompt template and a useful answer do not fit. */
  public static final int MIN_CONTEXT_PER_SLOT = 128;
}
