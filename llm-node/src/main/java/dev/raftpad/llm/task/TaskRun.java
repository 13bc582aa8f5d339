package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.Cancellation;
import dev.raftpad.llm.engine.Completion;
import dev.raftpad.llm.engine.FinishReason;
import dev.raftpad.llm.engine.GenerationSettings;
import dev.raftpad.llm.engine.LlamaEngine;
import dev.raftpad.llm.engine.Prompt;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One task in progress: runs its generations on the engine, reports events, and adds up the
 * statistics of all of its generations.
 */
final class TaskRun {
  private final LlamaEngine engine;
  private final Consumer<TaskEvent> events;
  private final Cancellation cancellation;
  private final long startedAt = System.nanoTime();
  private long firstTokenAt;
  private int promptTokens;
  private int generatedTokens;

  TaskRun(LlamaEngine engine, Consumer<TaskEvent> events, Cancellation cancellation) {
    this.engine = engine;
    this.events = events;
    this.cancellation = cancellation;
  }

  /** The context one generation can use. */
  int contextPerSlot() {
    return engine.description().contextPerSlot();
  }

  /** The chat prompt for {@code template} filled with {@code values}. */
  Prompt prompt(PromptTemplate template, Map<String, String> values) {
    return engine.chatPrompt(template.system(), template.userMessage(values));
  }

  /** The tokens a piece of text encodes to. */
  int countTokens(String text) {
    return engine.countTokens(text);
  }

  /** Generates, streaming every piece as a {@link TaskEvent.Token}. */
  Completion generateStreaming(Prompt prompt, GenerationSettings settings) {
    return count(engine.generate(prompt, settings, cancellation, this::token));
  }

  /** Generates an intermediate result, which is not streamed. */
  Completion generateQuietly(Prompt prompt, GenerationSettings settings) {
    return count(engine.generate(prompt, settings, cancellation, piece -> {}));
  }

  /** Streams text that did not come from the model (e.g. whitespace between chunks). */
  void token(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (firstTokenAt == 0) {
      firstTokenAt = System.nanoTime();
    }
    events.accept(new TaskEvent.Token(text));
  }

  /** Reports chunk progress. */
  void progress(int done, int total) {
    cancellation.throwIfCancelled();
    events.accept(new TaskEvent.Progress(done, total));
  }

  /** Reports the result; the last event of the task. */
  void finish(FinishReason reason, String text) {
    long now = System.nanoTime();
    long firstToken = firstTokenAt == 0 ? now : firstTokenAt;
    events.accept(
        new TaskEvent.Finished(
            reason,
            text,
            new TaskEvent.Stats(
                promptTokens,
                generatedTokens,
                (firstToken - startedAt) / 1_000,
                (now - startedAt) / 1_000)));
  }

  private Completion count(Completion completion) {
    promptTokens += completion.promptTokens();
    generatedTokens += completion.generatedTokens();
    return completion;
  }
}
