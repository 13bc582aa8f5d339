package dev.raftpad.llm.engine;

import java.nio.file.Path;

/**
 * What a loaded model is and how it was loaded.
 *
 * @param name the model's {@code general.name}, else its file name
 * @param path the GGUF file
 * @param parameterCount the number of weights
 * @param trainedContext the context length it was trained with (0 if the file does not say)
 * @param contextSize the context llama.cpp allocated, shared by all slots
 * @param parallelSlots how many generations run at once; each gets contextSize / parallelSlots
 * @param threads CPU threads llama.cpp uses
 */
public record ModelDescription(
    String name,
    Path path,
    long parameterCount,
    long trainedContext,
    int contextSize,
    int parallelSlots,
    int threads) {
  /** The context one generation can use. */
  public int contextPerSlot() {
    return contextSize / parallelSlots;
  }
}
