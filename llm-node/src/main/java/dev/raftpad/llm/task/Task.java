package dev.raftpad.llm.task;

/** One thing a caller asks the model to do. */
public sealed interface Task {
  /** The caller's generation options. */
  RequestOptions options();

  /**
   * Summarize a text; one longer than the context is summarized in chunks, then combined.
   *
   * @param text the text
   * @param options generation options (max tokens apply to the final summary)
   */
  record Summarize(String text, RequestOptions options) implements Task {}

  /**
   * Correct a text's spelling, grammar and punctuation; a long one is corrected in chunks.
   *
   * @param text the text
   * @param options generation options (max tokens apply to each chunk)
   */
  record FixGrammar(String text, RequestOptions options) implements Task {}

  /**
   * Rewrite a text to read better, keeping its meaning; a long one is rewritten in chunks.
   *
   * @param text the text
   * @param options generation options (max tokens apply to each chunk)
   */
  record ImproveWriting(String text, RequestOptions options) implements Task {}

  /**
   * Answer a question about a document; one longer than the context is read in chunks, taking notes
   * for the question, and answered from the notes.
   *
   * @param document the document
   * @param question the question
   * @param options generation options (max tokens apply to the answer)
   */
  record Ask(String document, String question, RequestOptions options) implements Task {}
}
