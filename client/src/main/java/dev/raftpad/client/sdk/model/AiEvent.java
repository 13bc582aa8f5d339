package dev.raftpad.client.sdk.model;

import dev.raftpad.document.op.Operation;
import java.util.Optional;

/** What an AI stream delivers. */
public sealed interface AiEvent {
  /** The next piece of generated text. */
  record Token(String text) implements AiEvent {}

  /**
   * The last event of a successful call.
   *
   * @param baseRevision the revision that was read
   * @param suggestion fix grammar and improve writing only: the change as an operation against
   *     baseRevision, to preview and then submit like any edit
   * @param submitted delivered as the assistant's suggestion: its id and the revision it became
   *     (empty when there was nothing to change, or it was not asked for)
   * @param threadId delivered as the assistant's comment: the thread it was posted as
   */
  record Completed(
      String text,
      long baseRevision,
      Optional<Operation> suggestion,
      Optional<SubmittedSuggestion> submitted,
      Optional<String> threadId)
      implements AiEvent {
    /** A preview-only result (nothing delivered to the document). */
    public Completed(String text, long baseRevision, Optional<Operation> suggestion) {
      this(text, baseRevision, suggestion, Optional.empty(), Optional.empty());
    }
  }

  /** The assistant's suggestion as the server submitted it. */
  record SubmittedSuggestion(String suggestionId, long revision) {}
}
