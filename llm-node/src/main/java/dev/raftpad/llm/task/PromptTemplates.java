package dev.raftpad.llm.task;

/**
 * The prompts of every task, from the resource files under {@code /prompts}.
 *
 * @param summarize summarizes a text ({@code {text}})
 * @param combineSummaries merges summaries of consecutive parts of one document ({@code {text}})
 * @param fixGrammar corrects a text ({@code {text}})
 * @param ask answers a question about a document ({@code {document}}, {@code {question}})
 */
public record PromptTemplates(
    PromptTemplate summarize,
    PromptTemplate combineSummaries,
    PromptTemplate fixGrammar,
    PromptTemplate ask) {
  /** The templates shipped in the jar. */
  public static PromptTemplates bundled() {
    return new PromptTemplates(
        PromptTemplate.load("summarize"),
        PromptTemplate.load("combine-summaries"),
        PromptTemplate.load("fix-grammar"),
        PromptTemplate.load("ask"));
  }
}
