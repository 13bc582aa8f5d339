package dev.raftpad.llm.engine;

/**
 * How one generation samples and when it stops.
 *
 * @param maxTokens stop after this many tokens (at least 1)
 * @param temperature sampling temperature; 0 picks the most likely token every time
 * @param seed the sampler's seed, or {@link #RANDOM_SEED}
 */
public record GenerationSettings(int maxTokens, float temperature, int seed) {
  /** llama.cpp's "draw a random seed" value (0xFFFFFFFF). */
  public static final int RANDOM_SEED = -1;

  /** Checks the values. */
  public GenerationSettings {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
    }
  }

  /** The same settings with another token limit. */
  public GenerationSettings withMaxTokens(int newMaxTokens) {
    return new GenerationSettings(newMaxTokens, temperature, seed);
  }
}
