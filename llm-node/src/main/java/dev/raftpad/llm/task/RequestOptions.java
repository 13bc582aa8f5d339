package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.GenerationSettings;
import java.util.OptionalLong;

/**
 * What a caller asked for; zeros mean "the task's default".
 *
 * @param maxTokens the answer's token limit, 0 for the task's default
 * @param temperature the sampling temperature, 0 for the task's default
 * @param seed a seed for reproducible output, if given
 */
public record RequestOptions(int maxTokens, float temperature, OptionalLong seed) {
  /** Every option at its default. */
  public static final RequestOptions DEFAULTS = new RequestOptions(0, 0, OptionalLong.empty());

  /** Checks the values. */
  public RequestOptions {
    if (maxTokens < 0 || !(temperature >= 0)) {
      throw new IllegalArgumentException("maxTokens and temperature must not be negative");
    }
  }

  /** Generation settings, falling back to the task's defaults. */
  GenerationSettings settings(int defaultMaxTokens, float defaultTemperature) {
    return new GenerationSettings(
        maxTokens > 0 ? maxTokens : defaultMaxTokens,
        temperature > 0 ? temperature : defaultTemperature,
        // llama.cpp takes a 32-bit seed; the low bits of the caller's 64 are as good as any.
        seed.isPresent() ? (int) seed.getAsLong() : GenerationSettings.RANDOM_SEED);
  }
}
