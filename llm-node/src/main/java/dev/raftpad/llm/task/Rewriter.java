package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.Completion;
import dev.raftpad.llm.engine.FinishReason;
import dev.raftpad.llm.engine.GenerationSettings;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a whole text with one prompt ({@code {text}}): fix grammar, improve writing. The result
 * keeps the text's outer whitespace (and, for a long text rewritten chunk by chunk, the whitespace
 * between chunks), so the caller's diff against the revision it read touches only what the model
 * changed.
 */
final class Rewriter {
  private static final int MARGIN_TOKENS = 8;

  private final PromptTemplate template;
  private final float defaultTemperature;

  /**
   * @param defaultTemperature low for corrections, a little higher for rewording
   */
  Rewriter(PromptTemplate template, float defaultTemperature) {
    this.template = template;
    this.defaultTemperature = defaultTemperature;
  }

  void run(TaskRun run, String text, RequestOptions options) {
    int overhead = run.prompt(template, Map.of("text", "")).tokens();
    int available = run.contextPerSlot() - overhead - MARGIN_TOKENS;
    int textTokens = run.countTokens(text);
    List<String> chunks =
        textTokens + answerAllowance(textTokens) <= available
            ? List.of(text)
            // The answer is about as long as the chunk: leave it room for a bit more.
            : new TextSplitter(run::countTokens).split(text, Math.max(1, available * 2 / 5));
    StringBuilder fixed = new StringBuilder();
    FinishReason reason = FinishReason.STOP;
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.size() > 1) {
        run.progress(i, chunks.size());
      }
      String chunk = chunks.get(i);
      String leading = chunk.substring(0, chunk.length() - chunk.stripLeading().length());
      String core = chunk.strip();
      String trailing = chunk.substring(leading.length() + core.length());
      fixed.append(leading);
      if (!core.isEmpty()) {
        GenerationSettings settings =
            options.settings(answerAllowance(run.countTokens(core)), defaultTemperature);
        run.token(i == 0 ? "" : leading);
        Completion completion =
            run.generateStreaming(run.prompt(template, Map.of("text", core)), settings);
        fixed.append(completion.text().strip());
        if (completion.reason() == FinishReason.LENGTH) {
          reason = FinishReason.LENGTH;
        }
      }
      fixed.append(trailing);
      run.token(i == chunks.size() - 1 ? "" : trailing);
    }
    if (chunks.size() > 1) {
      run.progress(chunks.size(), chunks.size());
    }
    run.finish(reason, fixed.toString());
  }

  private static int answerAllowance(int textTokens) {
    return textTokens * 3 / 2 + 16;
  }
}
