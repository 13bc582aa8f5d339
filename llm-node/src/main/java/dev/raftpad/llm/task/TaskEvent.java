package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.FinishReason;

/** What a running task reports: progress, tokens, then exactly one {@link Finished}, last. */
public sealed interface TaskEvent {
  /**
   * A piece of generated text, to show as it comes.
   *
   * @param text the piece
   */
  record Token(String text) implements TaskEvent {}

  /**
   * Chunks of a long text done so far; the total can grow when summaries need combining twice.
   *
   * @param chunksDone chunks finished
   * @param chunksTotal chunks known so far
   */
  record Progress(int chunksDone, int chunksTotal) implements TaskEvent {}

  /**
   * The task's result.
   *
   * @param reason why the (last) generation ended
   * @param text the whole answer
   * @param stats token counts and timings over all of the task's generations
   */
  record Finished(FinishReason reason, String text, Stats stats) implements TaskEvent {}

  /**
   * Token counts and timings of a task.
   *
   * @param promptTokens prompt tokens over all generations
   * @param generatedTokens generated tokens over all generations
   * @param timeToFirstTokenMicros from the task's start to its first streamed token
   * @param totalMicros from the task's start to its end
   */
  record Stats(
      int promptTokens, int generatedTokens, long timeToFirstTokenMicros, long totalMicros) {}
}
