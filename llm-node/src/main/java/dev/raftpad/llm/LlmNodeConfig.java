package dev.raftpad.llm;

import dev.raftpad.llm.engine.EngineOptions;
import java.nio.file.Path;

/**
 * How an LLM node runs.
 *
 * @param host the address to listen on
 * @param port the port (0 picks a free one)
 * @param model the GGUF model file, or null for none
 * @param threads CPU threads for llama.cpp
 * @param contextSize the context in tokens, shared by the slots
 * @param parallelSlots generations that run at once
 * @param queueCapacity requests that may wait for a slot; more get RESOURCE_EXHAUSTED
 * @param maxInputChars the most characters one request's text may have
 */
public record LlmNodeConfig(
    String host,
    int port,
    Path model,
    int threads,
    int contextSize,
    int parallelSlots,
    int queueCapacity,
    int maxInputChars) {
  /** Checks the values. */
  public LlmNodeConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (queueCapacity < 0 || maxInputChars < 1) {
      throw new IllegalArgumentException("queue capacity >= 0 and input limit >= 1 required");
    }
    engineOptions(contextSize, parallelSlots, threads); // checks the rest
  }

  /** How llama.cpp runs the model. */
  public EngineOptions engineOptions() {
    return engineOptions(contextSize, parallelSlots, threads);
  }

  private static EngineOptions engineOptions(int contextSize, int parallelSlots, int threads) {
    return new EngineOptions(contextSize, parallelSlots, threads);
  }
}
