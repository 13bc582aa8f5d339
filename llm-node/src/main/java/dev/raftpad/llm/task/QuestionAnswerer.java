package dev.raftpad.llm.task;

import dev.raftpad.llm.engine.Completion;
import dev.raftpad.llm.engine.GenerationSettings;
import dev.raftpad.llm.engine.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers a question about a document. A document that fits the context with the answer is asked
 * directly. A longer one is cut into chunks (measured with the model's tokenizer); each chunk is
 * asked for the notes relevant to the question (a progress event after each), and the answer comes
 * from the joined notes. The notes share what the answer's prompt has room for, so a document with
 * so many chunks that each would get fewer than {@link #MIN_NOTE_TOKENS} is refused: nothing is
 * ever silently left out.
 */
final class QuestionAnswerer {
  static final int DEFAULT_MAX_TOKENS = 384;
  static final float DEFAULT_TEMPERATURE = 0.4f;

  /** Fewer tokens than this per chunk cannot carry a useful note. */
  static final int MIN_NOTE_TOKENS = 16;

  private static final int MAX_NOTE_TOKENS = 128;
  private static final int MARGIN_TOKENS = 8;
  private static final String NOTE_SEPARATOR = "\n\n";
  private static final String ASK_A_SELECTION = "ask about a selection of the document instead";

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
      String notes = notes(run, document, question, slot, slot - answerReserve, settings);
      prompt = run.prompt(templates.askFromNotes(), Map.of("notes", notes, "question", question));
      if (prompt.tokens() + answerReserve > slot) {
        // The notes came out longer than planned (the quarter to spare did not suffice).
        int room =
            slot - answerReserve - withoutText(run, templates.askFromNotes(), "notes", question);
        throw new InputTooLargeException(
            "document_text",
            room,
            run.countTokens(notes),
            "tokens",
            "counted are the notes taken on its chunks, which do not fit the model's context; "
                + ASK_A_SELECTION);
      }
    }
    Completion answer = run.generateStreaming(prompt, settings);
    run.finish(answer.reason(), answer.text().strip());
  }

  /**
   * The notes on every chunk of {@code document}, planned to fit a prompt of {@code promptRoom}
   * tokens together with the question.
   */
  private String notes(
      TaskRun run,
      String document,
      String question,
      int slot,
      int promptRoom,
      GenerationSettings settings) {
    int notesOverhead = withoutText(run, templates.askNotes(), "document", question);
    int answerOverhead = withoutText(run, templates.askFromNotes(), "notes", question);
    int perNoteMinimum = MIN_NOTE_TOKENS + run.countTokens(NOTE_SEPARATOR);
    int noteTokens = Math.clamp((slot - notesOverhead) / 4, MIN_NOTE_TOKENS, MAX_NOTE_TOKENS);
    int chunkBudget = slot - notesOverhead - noteTokens - MARGIN_TOKENS;
    // Generated text may tokenize a little longer when read back: plan with a quarter to spare.
    int notesRoom = (promptRoom - answerOverhead - MARGIN_TOKENS) * 3 / 4;
    int maxChunks = notesRoom / perNoteMinimum;
    int shortfall =
        Math.max(
            2 * noteTokens - chunkBudget, // a chunk no bigger than its notes
            2 * perNoteMinimum * 4 / 3 + 1 - (promptRoom - answerOverhead - MARGIN_TOKENS));
    if (shortfall > 0) {
      // The question (part of both prompts) leaves too little room for the document.
      int questionTokens = run.countTokens(question);
      throw new InputTooLargeException(
          "question",
          Math.max(0, questionTokens - shortfall),
          questionTokens,
          "tokens",
          "ask a shorter question");
    }
    int documentTokens = run.countTokens(document);
    long documentLimit = (long) maxChunks * chunkBudget;
    if (documentTokens > documentLimit) {
      throw tooLong(documentLimit, documentTokens);
    }
    List<String> chunks = new TextSplitter(run::countTokens).split(document, chunkBudget);
    if (chunks.size() > maxChunks) {
      throw tooLong(documentLimit, documentTokens); // the chunks packed less densely than planned
    }
    int separatorTokens = perNoteMinimum - MIN_NOTE_TOKENS;
    GenerationSettings noteSettings =
        settings.withMaxTokens(Math.min(noteTokens, notesRoom / chunks.size() - separatorTokens));
    List<String> notes = new ArrayList<>();
    run.progress(0, chunks.size());
    for (String chunk : chunks) {
      Prompt notePrompt =
          run.prompt(templates.askNotes(), Map.of("document", chunk, "question", question));
      notes.add(run.generateQuietly(notePrompt, noteSettings).text().strip());
      run.progress(notes.size(), chunks.size());
    }
    return String.join(NOTE_SEPARATOR, notes);
  }

  private static int withoutText(
      TaskRun run, PromptTemplate template, String placeholder, String question) {
    return run.prompt(template, Map.of(placeholder, "", "question", question)).tokens();
  }

  private static InputTooLargeException tooLong(long limit, long actual) {
    return new InputTooLargeException(
        "document_text",
        limit,
        actual,
        "tokens",
        "even read in chunks, the notes on a document this long would not fit the model's"
            + " context; "
            + ASK_A_SELECTION);
  }
}
