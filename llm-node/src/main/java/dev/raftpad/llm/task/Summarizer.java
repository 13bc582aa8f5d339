package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.Completion;
import dev.raftpad.llm.engine.GenerationSettings;
import dev.raftpad.llm.engine.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Summarizes a text. One that does not fit the context is cut into chunks (measured with the
 * model's tokenizer), each chunk is summarized, and the joined summaries are summarized again (in
 * groups, if even they do not fit) until one final summary is streamed.
 */
final class Summarizer {
  static final int DEFAULT_MAX_TOKENS = 256;
  static final float DEFAULT_TEMPERATURE = 0.3f;
  // Each round shrinks the text several times over; more rounds than this means something is off.
  private static final int MAX_ROUNDS = 8;
  private static final int MARGIN_TOKENS = 8;

  private final PromptTemplates templates;

  Summarizer(PromptTemplates templates) {
    this.templates = templates;
  }

  void run(TaskRun run, String text, RequestOptions options) {
    GenerationSettings settings = options.settings(DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE);
    int slot = run.contextPerSlot();
    int answerReserve = Math.min(settings.maxTokens(), slot / 4);
    PromptTemplate template = templates.summarize();
    String current = text;
    Prompt prompt = run.prompt(template, Map.of("text", current));
    int done = 0;
    int total = 0;
    for (int round = 0; prompt.tokens() + answerReserve > slot; round++) {
      if (round == MAX_ROUNDS) {
        throw new IllegalStateException("the chunk summaries did not converge");
      }
      int overhead = run.prompt(template, Map.of("text", "")).tokens();
      int summaryTokens = Math.clamp((slot - overhead) / 4, 8, 256);
      int chunkBudget = slot - overhead - summaryTokens - MARGIN_TOKENS;
      if (chunkBudget < 2 * summaryTokens) {
        // Chunks no bigger than their summaries would never shrink the text.
        throw new IllegalStateException(
            "a context of " + slot + " tokens per slot is too small to summarize in chunks");
      }
      List<String> chunks = new TextSplitter(run::countTokens).split(current, chunkBudget);
      total += chunks.size();
      run.progress(done, total);
      List<String> summaries = new ArrayList<>();
      for (String chunk : chunks) {
        Completion summary =
            run.generateQuietly(
                run.prompt(template, Map.of("text", chunk)), settings.withMaxTokens(summaryTokens));
        summaries.add(summary.text().strip());
        run.progress(++done, total);
      }
      current = String.join("\n\n", summaries);
      template = templates.combineSummaries();
      prompt = run.prompt(template, Map.of("text", current));
    }
    Completion summary = run.generateStreaming(prompt, settings);
    run.finish(summary.reason(), summary.text().strip());
  }
}
