package dev.raftpad.llm.task;

/**
 * The prompts of every task, from the resource files under {@code /prompts}.
 *
 * @param summarize summarizes a text ({@code {text}})
 * @param combineSummaries merges summaries of consecutive parts of one document ({@code {text}})
 * @param fixGrammar corrects a text ({@code {text}})
 * @param improveWriting rewrites a text to read better ({@code {text}})
 * @param ask answers a question about a document ({@code {document}}, {@code {question}})
 * @param askNotes takes notes on one part of a long document for a question ({@code {document}},
 *     {@code {question}})
 * @param askFromNotes answers a question from the notes on a document's parts ({@code {notes}},
 *     {@code {question}})
 */
public record PromptTemplates(
    PromptTemplate summarize,
    PromptTemplate combineSummaries,
    PromptTemplate fixGrammar,
    PromptTemplate improveWriting,
    PromptTemplate ask,
    PromptTemplate askNotes,
    PromptTemplate askFromNotes) {
  /** The templates shipped in the jar. */
  public static PromptTemplates bundled() {
    return new PromptTemplates(
        PromptTemplate.load("summarize"),
        PromptTemplate.load("combine-summaries"),
        PromptTemplate.load("fix-grammar"),
        PromptTemplate.load("improve-writing"),
        PromptTemplate.load("ask"),
        PromptTemplate.load("ask-notes"),
        PromptTemplate.load("ask-from-notes"));
  }
}
