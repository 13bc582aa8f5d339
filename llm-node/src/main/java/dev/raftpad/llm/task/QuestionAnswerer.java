package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.Completion;
import dev.raftpad.llm.engine.GenerationSettings;
import dev.raftpad.llm.engine.Prompt;
import java.util.Map;

/** Answers a question about a document that fits the context together with the answer. */
final class QuestionAnswerer {
  static final int DEFAULT_MAX_TOKENS = 384;
  static final float DEFAULT_TEMPERATURE = 0.4f;

  private final PromptTemplates templates;

  QuestionAnswerer(PromptTemplates templates) {
    this.templates = templates;
  }

  void run(TaskRun run, String document, String question, RequestOptions options) {
    GenerationSettings settings = options.settings(DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE);
    int slot = run.contextPerSlot();
    int answerReserve = Math.min(settings.maxTokens(), slot / 4);
    Prompt prompt = run.prompt(templates.ask(), Map.of("document", document, "question", question));
    if (prompt.tokens() + answerReserve > slot) {
      int withoutDocument =
          run.prompt(templates.ask(), Map.of("document", "", "question", question)).tokens();
      throw new InputTooLargeException(
          "document_text",
          Math.max(0, slot - answerReserve - withoutDocument),
          run.countTokens(document),
          "tokens");
    }
    Completion answer = run.generateStreaming(prompt, settings);
    run.finish(answer.reason(), answer.text().strip());
  }
}
