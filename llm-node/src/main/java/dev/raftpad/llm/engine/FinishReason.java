package dev.raftpad.llm.engine;

/** Why a generation ended (a cancelled one ends with {@link GenerationCancelledException}). */
public enum FinishReason {
  /** The model ended its answer. */
  STOP,
  /** The token limit (or the model's trained context) was reached. */
  LENGTH
}
