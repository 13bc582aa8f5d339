package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.Cancellation;
import dev.raftpad.llm.engine.LlamaEngine;
import java.util.function.Consumer;

/**
 * Runs tasks on a loaded model, on the calling thread, reporting {@link TaskEvent}s: progress,
 * tokens, then one {@link TaskEvent.Finished}.
 *
 * <p>Failures are exceptions: {@link dev.raftpad.llm.engine.GenerationCancelledException} once
 * stopped on request, {@link InputTooLargeException} for input that cannot fit, {@link
 * dev.raftpad.llm.engine.GenerationFailedException} when llama.cpp fails.
 */
public final class TaskRunner {
  private final LlamaEngine engine;
  private final Summarizer summarizer;
  private final Rewriter grammarFixer;
  private final Rewriter writingImprover;
  private final QuestionAnswerer questionAnswerer;

  /** A runner for {@code engine}'s model with {@code templates}. */
  public TaskRunner(LlamaEngine engine, PromptTemplates templates) {
    this.engine = engine;
    this.summarizer = new Summarizer(templates);
    this.grammarFixer = new Rewriter(templates.fixGrammar(), 0.1f);
    this.writingImprover = new Rewriter(templates.improveWriting(), 0.3f);
    this.questionAnswerer = new QuestionAnswerer(templates);
  }

  /** Runs {@code task} to its end, or until {@code cancellation} is raised. */
  public void run(Task task, Consumer<TaskEvent> events, Cancellation cancellation) {
    TaskRun run = new TaskRun(engine, events, cancellation);
    switch (task) {
      case Task.Summarize summarize -> summarizer.run(run, summarize.text(), task.options());
      case Task.FixGrammar fix -> grammarFixer.run(run, fix.text(), task.options());
      case Task.ImproveWriting improve -> writingImprover.run(run, improve.text(), task.options());
      case Task.Ask ask ->
          questionAnswerer.run(run, ask.document(), ask.question(), task.options());
    }
  }
}
